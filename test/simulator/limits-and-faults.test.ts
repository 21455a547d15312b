import { startSimulator, type Simulator, type SimulatorOptions } from "../../src/simulator/server.js";
import { graphql, installationToken, rest } from "./client.js";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PRS_QUERY = `{ rateLimit { cost remaining used } repository(owner: "acme", name: "web") {
  pullRequests(first: 10) { nodes { number commits(first: 10) { totalCount } } } } }`;

describe("simulator rate limits, faults and accounting", () => {
  let sim: Simulator;
  let token: string;
  const start = async (options: SimulatorOptions = {}) => {
    sim = await startSimulator({ seed: "limits", repos: 1, prsPerRepo: 30, ...options });
    token = await installationToken(sim);
  };
  afterEach(() => sim.stop());

  it("sends x-ratelimit headers that count down, then answers 403 until the window resets", async () => {
    await start({ rateLimit: { limit: 3, windowMs: 500 } });
    for (const remaining of ["2", "1", "0"]) {
      const { headers } = await rest(sim, token, "/repos/acme/web");
      expect(headers.get("x-ratelimit-remaining")).toBe(remaining);
      expect(headers.get("x-ratelimit-limit")).toBe("3");
      expect(headers.get("x-ratelimit-resource")).toBe("core");
    }
    const refused = await rest(sim, token, "/repos/acme/web");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded/) });
    expect((await rest(sim, token, "/rate_limit")).body).toMatchObject({ rate: { remaining: 0, used: 3 } });

    await wait(550);
    expect((await rest(sim, token, "/repos/acme/web")).headers.get("x-ratelimit-remaining")).toBe("2");
  });

  it("spends GraphQL points from a separate budget that rateLimit reports", async () => {
    await start({ rateLimit: { limit: 2 } });
    // 1 + 10 requests → 0.11 → the minimum of 1 point.
    const first = await graphql(sim, token, PRS_QUERY);
    expect(first.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(JSON.parse(first.text)).toMatchObject({ data: { rateLimit: { cost: 1, remaining: 1, used: 1 } } });
    await graphql(sim, token, PRS_QUERY);
    const refused = await graphql(sim, token, PRS_QUERY);
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ type: "RATE_LIMITED" }] });
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(200);
  });

  it("injects 500 and 503 on the matching requests only, as many times as asked", async () => {
    await start();
    const fault = sim.injectFault({ kind: "5xx", times: 2, match: { route: "/repos/:owner/:repo/pulls" } });
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(200);
    expect((await rest(sim, token, "/repos/acme/web/pulls")).status).toBe(500);
    expect((await rest(sim, token, "/repos/acme/web/pulls")).status).toBe(500);
    expect((await rest(sim, token, "/repos/acme/web/pulls")).status).toBe(200);
    expect(fault.hits()).toBe(2);
    sim.injectFault({ kind: "5xx", status: 503, match: (request) => request.path.endsWith("/files") });
    expect((await rest(sim, token, "/repos/acme/web/pulls/1/files")).status).toBe(503);
  });

  it("answers GraphQL with a gateway 502 or GitHub's 'something went wrong' after a delay", async () => {
    await start();
    sim.injectFault({ kind: "graphql502" });
    const gateway = await graphql(sim, token, PRS_QUERY);
    expect(gateway.status).toBe(502);
    expect(gateway.text).toContain("502 Bad Gateway");

    sim.injectFault({ kind: "graphqlTimeout", delayMs: 200 });
    const began = Date.now();
    const timeout = await graphql(sim, token, PRS_QUERY);
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
    expect(JSON.parse(timeout.text)).toMatchObject({
      data: null,
      errors: [{ message: expect.stringMatching(/^Something went wrong while executing your query/) }],
    });
    expect((await graphql(sim, token, PRS_QUERY)).status).toBe(200);
  });

  it("answers a secondary limit with 403 and retry-after", async () => {
    await start();
    sim.injectFault({ kind: "secondaryLimit", retryAfter: 7, match: { api: "rest" } });
    const refused = await rest(sim, token, "/repos/acme/web/pulls");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/secondary rate limit/) });
  });

  it("empties the budget until a reset it can move closer", async () => {
    await start();
    sim.injectFault({ kind: "rateLimitExhausted", resetInMs: 400 });
    const refused = await rest(sim, token, "/repos/acme/web");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = Number(refused.headers.get("x-ratelimit-reset")) * 1000;
    expect(reset - Date.now()).toBeLessThanOrEqual(1400);
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(403);
    await wait(Math.max(0, reset - Date.now()) + 50);
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(200);
  });

  it("expires every token issued so far; a new token works", async () => {
    await start();
    sim.injectFault({ kind: "expireTokens", match: { path: "/repos/acme/web/pulls" } });
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(200);
    expect((await rest(sim, token, "/repos/acme/web/pulls")).status).toBe(401);
    expect((await rest(sim, token, "/repos/acme/web")).status).toBe(401);
    expect((await rest(sim, await installationToken(sim), "/repos/acme/web")).status).toBe(200);
  });

  it("counts requests per API and route, and GraphQL points, until reset", async () => {
    await start();
    sim.resetStats();
    await rest(sim, token, "/repos/acme/web/pulls?per_page=10");
    await rest(sim, token, "/repos/acme/web/pulls?per_page=10&page=2");
    await rest(sim, token, "/repos/acme/web/pulls/3/commits");
    await graphql(sim, token, PRS_QUERY);
    await graphql(sim, token, "{ nope }");
    expect(sim.stats()).toEqual({
      restRequests: 3,
      graphqlRequests: 2,
      graphqlPoints: 1,
      byRoute: {
        "GET /repos/:owner/:repo/pulls": 2,
        "GET /repos/:owner/:repo/pulls/:number/commits": 1,
        "POST /graphql": 2,
      },
    });
    sim.resetStats();
    expect(sim.stats()).toEqual({ restRequests: 0, graphqlRequests: 0, graphqlPoints: 0, byRoute: {} });
  });

  it("delays every answer by the latency set", async () => {
    await start();
    sim.setLatency(150);
    const began = Date.now();
    await rest(sim, token, "/repos/acme/web");
    expect(Date.now() - began).toBeGreaterThanOrEqual(140);
  });
});
