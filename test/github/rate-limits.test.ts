import nock from "nock";
import { RateLimitReservedError } from "../../src/github/errors.js";
import { fetchPullRequestsPage } from "../../src/github/fetch-pull-requests-page.js";
import { listInstallationRepositories } from "../../src/github/list-installation-repositories.js";
import { API, createTestClient, fixture } from "./helpers/app.js";
import { connection, mockQuery, pullRequestNode, rateLimit } from "./helpers/graphql.js";

const repository = { repoId: 1296269, owner: "octocat", repo: "Hello-World" };
const page = { repository: { pullRequests: connection([pullRequestNode()], "page-1", true) } };
const RESET = 1_900_000_000; // 2030-03-17, in GitHub's epoch seconds
const rateHeaders = (remaining: number, resource = "core") => ({
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": String(remaining),
  "x-ratelimit-reset": String(RESET),
  "x-ratelimit-resource": resource,
});

const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("the rate budget", () => {
  test("below the reserve the next query is not sent: RateLimitReservedError carries the reset time", async () => {
    const client = await createTestClient();
    mockQuery("PullRequestsPage", { ...page, rateLimit: rateLimit(150, 21) });

    await fetchPullRequestsPage(client, repository);
    const error = await failure(fetchPullRequestsPage(client, { ...repository, cursor: "page-1" }));

    expect(error).toBeInstanceOf(RateLimitReservedError);
    expect(error).toMatchObject({ reason: "reserve", resetAt: new Date("2030-01-01T00:00:00Z") });
    expect(client.budget.pointsSpent).toBe(21);
  });

  test("the reserve is configurable", async () => {
    const client = await createTestClient({}, 100);
    mockQuery("PullRequestsPage", { ...page, rateLimit: rateLimit(150) });
    mockQuery("PullRequestsPage", page, { cursor: "page-1" });

    await fetchPullRequestsPage(client, repository);
    await expect(fetchPullRequestsPage(client, { ...repository, cursor: "page-1" })).resolves.toBeDefined();
  });

  test("REST responses' x-ratelimit headers feed the budget of their resource", async () => {
    const client = await createTestClient();
    nock(API)
      .get("/installation/repositories")
      .query({ per_page: 100 })
      .reply(
        200,
        { total_count: 1, repositories: [fixture("installation-repository.json")] },
        rateHeaders(10),
      );

    await listInstallationRepositories(client);

    expect(client.budget.window("core")).toEqual({
      limit: 5000,
      remaining: 10,
      resetAt: new Date(RESET * 1000),
    });
    expect(() => client.budget.assertAbove("core")).toThrow(RateLimitReservedError);
    expect(() => client.budget.assertAbove("graphql")).not.toThrow();
  });
});

describe("GitHub's limits, with Probot's throttling plugin on", () => {
  test("primary REST limit: a 403 with 0 remaining is not slept on but ends the job until the reset", async () => {
    const client = await createTestClient({ throttling: true });
    nock(API).get("/installation/repositories").query(true).reply(
      403,
      {
        message: "API rate limit exceeded for installation ID 1.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      },
      rateHeaders(0),
    );

    const error = await failure(listInstallationRepositories(client));

    expect(error).toBeInstanceOf(RateLimitReservedError);
    expect(error).toMatchObject({ reason: "primary", resetAt: new Date(RESET * 1000) });
  });

  test("primary GraphQL limit: RATE_LIMITED is not slept on either", async () => {
    const client = await createTestClient({ throttling: true });
    nock(API)
      .post("/graphql")
      .reply(
        200,
        { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 1." }] },
        rateHeaders(0, "graphql"),
      );

    const error = await failure(fetchPullRequestsPage(client, repository));

    expect(error).toBeInstanceOf(RateLimitReservedError);
    expect(error).toMatchObject({ reason: "primary", resetAt: new Date(RESET * 1000) });
  });

  const secondary = {
    message:
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 1234:5678:9ABC:DEF0.",
    documentation_url:
      "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  };

  test("a secondary limit's retry-after is waited out and the request retried", async () => {
    const client = await createTestClient({ throttling: true });
    nock(API).get("/installation/repositories").query(true).reply(403, secondary, { "retry-after": "1" });
    nock(API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: 1, repositories: [fixture("installation-repository.json")] });

    const started = Date.now();
    const repositories = await listInstallationRepositories(client);

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(repositories).toEqual([
      { installationId: 1, repoId: 1296269, fullName: "octocat/Hello-World", private: false },
    ]);
  });

  test("past the allowed retries a secondary limit ends the job until retry-after", async () => {
    const client = await createTestClient({ throttling: true, secondaryRetries: 0 });
    nock(API).get("/installation/repositories").query(true).reply(429, secondary, { "retry-after": "30" });

    const error = await failure(listInstallationRepositories(client));

    expect(error).toMatchObject({ name: "RateLimitReservedError", reason: "secondary" });
    const wait = (error as RateLimitReservedError).resetAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });
});
