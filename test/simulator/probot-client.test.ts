import { Probot, ProbotOctokit } from "probot";
import { startSimulator, type Simulator } from "../../src/simulator/server.js";
import { testPrivateKey } from "../harness/private-key.js";

/**
 * The simulator as Probot sees it through GHE_HOST: app JWT → installation token, REST pagination,
 * GraphQL at /api/graphql, and Octokit's retry and throttling plugins reading injected faults.
 */
describe("Probot's Octokit against the simulator", () => {
  let sim: Simulator;
  let probot: Probot;

  beforeAll(async () => {
    sim = await startSimulator({ seed: "probot", repos: 2, prsPerRepo: 150 });
    probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      baseUrl: `${sim.env.GHE_PROTOCOL}://${sim.env.GHE_HOST}/api/v3`,
      // A 1 ms backoff per retry keeps the test fast.
      Octokit: ProbotOctokit.defaults({ retry: { retryAfterBaseValue: 1 } }),
    });
  });
  afterAll(() => sim.stop());

  it("authenticates as the installation and paginates REST and GraphQL", async () => {
    const octokit = await probot.auth(sim.org.installationId);
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      owner: "acme",
      repo: "web",
      state: "all",
      sort: "updated",
      direction: "desc",
      per_page: 100,
    });
    expect(pulls.map((pull) => pull.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    const data = await octokit.graphql<{ repository: { pullRequests: { totalCount: number } } }>(
      `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { pullRequests { totalCount } } }`,
      { owner: "acme", name: "api" },
    );
    expect(data.repository.pullRequests.totalCount).toBe(150);
  });

  it("gets a 503 retried, and a secondary limit recognised with its retry-after", async () => {
    const octokit = await probot.auth(sim.org.installationId);
    sim.resetStats();
    sim.injectFault({ kind: "5xx", status: 503, match: { route: "/repos/:owner/:repo" } });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "web" });
    expect(data.full_name).toBe("acme/web");
    expect(sim.stats().byRoute["GET /repos/:owner/:repo"]).toBe(2);

    // Probot's own throttle handler logs "Secondary quota detected" and leaves the retry to the caller.
    sim.injectFault({ kind: "secondaryLimit", retryAfter: 2, match: { route: "/repos/:owner/:repo" } });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "web" })).rejects.toMatchObject({
      status: 403,
      response: { headers: { "retry-after": "2" } },
    });
  });

  it("lists failed webhook deliveries with the app's JWT and redelivers one", async () => {
    const app = await probot.auth();
    const deliveries = await app.paginate(app.rest.apps.listWebhookDeliveries, { per_page: 10 });
    expect(deliveries).toHaveLength(30);
    const failed = deliveries.find((delivery) => delivery.status_code >= 400 || delivery.status_code === 0);
    if (!failed) throw new Error("no failed delivery");
    await app.rest.apps.redeliverWebhookDelivery({ delivery_id: failed.id });
    expect(sim.deliveries.redeliveries).toEqual([failed.id]);
  });
});
