import { createToken, revokeToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository } from "./seed.js";

const db = useTestDatabase();
const api = useApiServer(db.store);

let acmeToken: string;
let globexToken: string;

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "globex");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 2, 21, "globex/secret");
  await seedPullRequests(store, [
    { installationId: 1, repoId: 11, repo: "acme/widgets", number: 1 },
    {
      installationId: 2,
      repoId: 21,
      repo: "globex/secret",
      number: 1,
      mergedAt: new Date("2024-05-02T00:00:00Z"),
    },
  ]);
  acmeToken = (await createToken(store, { installationId: 1, name: "acme ci" })).token;
  globexToken = (await createToken(store, { installationId: 2 })).token;
});

describe("authentication", () => {
  it("answers 401 with the contract's error shape without a token", async () => {
    const response = await api.get("/api/v1/pulls");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it.each([
    ["an unknown token", "Bearer mlk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a token without the prefix", "Bearer abc"],
    ["another scheme", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"],
  ])("answers 401 for %s", async (_label, authorization) => {
    const response = await fetch(api.url("/api/v1/sync"), { headers: { authorization } });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("accepts a token until it is revoked, and records its last use", async () => {
    const store = db.store();
    const { id, token } = await createToken(store, { installationId: 1, name: "short-lived" });
    expect((await api.get("/api/v1/sync", token)).status).toBe(200);
    expect((await store.apiTokens.findOne({ tokenId: id }).lean())?.lastUsedAt).toBeInstanceOf(Date);
    await revokeToken(store, id);
    const response = await api.get("/api/v1/sync", token);
    expect(response.status).toBe(401);
  });

  it("stores only the token's hash", async () => {
    const { id, token } = await createToken(db.store(), { installationId: 1 });
    expect(token).toMatch(/^mlk_[A-Za-z0-9_-]{43}$/);
    const stored = await db.store().apiTokens.findOne({ tokenId: id }).lean();
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("routing", () => {
  it("leaves other paths to the next handler", async () => {
    for (const path of ["/healthz", "/api/v1", "/api/v1/nothing", "/api/v1/pulls/", "/dashboard"]) {
      const response = await api.get(path, acmeToken);
      expect([path, response.status, await response.text()]).toEqual([path, 404, "fallthrough"]);
    }
  });

  it("answers 405 to other methods on its routes", async () => {
    const response = await fetch(api.url("/api/v1/pulls"), {
      method: "POST",
      headers: { authorization: `Bearer ${acmeToken}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});

describe("installation scoping", () => {
  /** The 404 for another installation's repository, with its name swapped for an unknown one. */
  async function notFoundBodies(path: (repo: string) => string) {
    const foreign = await api.get(path("globex/secret"), acmeToken);
    const unknown = await api.get(path("acme/missing"), acmeToken);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    return [(await foreign.text()).replace("globex/secret", "acme/missing"), await unknown.text()];
  }

  it.each([
    ["a single PR", (repo: string) => `/api/v1/pulls/${repo}/1`],
    ["the PR list", (repo: string) => `/api/v1/pulls?repo=${repo}`],
    ["metrics", (repo: string) => `/api/v1/metrics?repo=${repo}`],
    ["delivery figures", (repo: string) => `/api/v1/dora?repo=${repo}`],
  ])(
    "answers for another installation's repository exactly as for a missing one: %s",
    async (_label, path) => {
      const [foreign, unknown] = await notFoundBodies(path);
      expect(foreign).toBe(unknown);
      expect(JSON.parse(unknown)).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    },
  );

  it("shows the owner its repository", async () => {
    const response = await api.get("/api/v1/pulls/globex/secret/1", globexToken);
    expect(response.status).toBe(200);
    expect((await response.json()).repo).toBe("globex/secret");
  });

  it("lists only the token's installation", async () => {
    const acme = await (await api.get("/api/v1/pulls", acmeToken)).json();
    expect(acme.items.map((pr: { repo: string }) => pr.repo)).toEqual(["acme/widgets"]);
    const sync = await (await api.get("/api/v1/sync", acmeToken)).json();
    expect(sync.repos.map((repo: { repo: string }) => repo.repo)).toEqual(["acme/widgets"]);
    const metrics = await (
      await api.get("/api/v1/metrics?since=2024-04-01&until=2024-06-01", acmeToken)
    ).json();
    expect(metrics.groups[0].prsMerged).toBe(0);
  });
});
