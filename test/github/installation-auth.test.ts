import { jest } from "@jest/globals";
import nock from "nock";
import { GoneError } from "../../src/github/errors.js";
import { fetchPullRequest } from "../../src/github/fetch-pull-request.js";
import { getInstallationClient } from "../../src/github/installation-client.js";
import { API, createTestApp, createTestClient, INSTALLATION_ID, mockAccessToken } from "./helpers/app.js";
import { pullRequestNode, rateLimit } from "./helpers/graphql.js";

const target = { repoId: 1296269, owner: "octocat", repo: "Hello-World", number: 1347 };
const answer = { data: { rateLimit: rateLimit(), repository: { pullRequest: pullRequestNode() } } };
const badCredentials = {
  message: "Bad credentials",
  documentation_url: "https://docs.github.com/rest",
  status: "401",
};

/** The next GraphQL request must carry `token`. */
const expectQueryWith = (token: string, status = 200, body: object = answer) =>
  nock(API).post("/graphql").matchHeader("authorization", `token ${token}`).reply(status, body);

/** Moves the clock `minutes` ahead: only `Date` (Probot's token cache, auth-app), timers stay real. */
const later = (minutes: number) => {
  const now = Date.now();
  jest.useFakeTimers({
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
  jest.setSystemTime(now + minutes * 60_000);
};

afterEach(() => jest.useRealTimers());

describe("installation tokens during a long job", () => {
  test("one token is minted and reused while it is fresh", async () => {
    const client = await createTestClient();
    expectQueryWith("ghs_first");
    expectQueryWith("ghs_first");

    await fetchPullRequest(client, target);
    await fetchPullRequest(client, target);
  });

  test("after an hour the same client mints a new token by itself", async () => {
    const client = await createTestClient();
    expectQueryWith("ghs_first");
    await fetchPullRequest(client, target);

    later(60);
    mockAccessToken("ghs_second");
    expectQueryWith("ghs_second");
    await fetchPullRequest(client, target);
  });

  test("a token GitHub rejects mid-job (401 Bad credentials) is replaced and the request retried once", async () => {
    const client = await createTestClient();
    expectQueryWith("ghs_first");
    await fetchPullRequest(client, target);

    // Past auth-app's own 5 s window of 401 retries for a token not yet replicated, inside the 59 min cache.
    // (A 401 on a token that fresh is retried by auth-app itself for about 6 s, then ends as GoneError.)
    later(10);
    expectQueryWith("ghs_first", 401, badCredentials);
    mockAccessToken("ghs_second");
    expectQueryWith("ghs_second");
    await expect(fetchPullRequest(client, target)).resolves.toMatchObject({ pr: { number: 1347 } });
  });

  test("on GitHub Enterprise (GHE_HOST) the replacement token is minted on that host, not on github.com", async () => {
    const ghe = "https://ghe.example.com/api/v3";
    const client = await getInstallationClient(createTestApp({}, ghe), INSTALLATION_ID);
    mockAccessToken("ghs_first", ghe);
    nock("https://ghe.example.com").post("/api/graphql").reply(200, answer);
    await fetchPullRequest(client, target);

    later(10);
    nock("https://ghe.example.com").post("/api/graphql").reply(401, badCredentials);
    mockAccessToken("ghs_second", ghe);
    nock("https://ghe.example.com")
      .post("/api/graphql")
      .matchHeader("authorization", "token ghs_second")
      .reply(200, answer);
    await expect(fetchPullRequest(client, target)).resolves.toMatchObject({ pr: { number: 1347 } });
  });

  test("an uninstalled app (no token for the installation) ends the work with GoneError", async () => {
    const client = await getInstallationClient(createTestApp(), INSTALLATION_ID);
    nock(API).post(`/app/installations/${INSTALLATION_ID}/access_tokens`).reply(404, {
      message: "Not Found",
      documentation_url:
        "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app",
      status: "404",
    });

    const error = await fetchPullRequest(client, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoneError);
    expect(error).toMatchObject({ status: 404 });
  });
});
