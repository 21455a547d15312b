import { jest } from "@jest/globals";
import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository } from "./seed.js";

const db = useTestDatabase();
const api = useApiServer(db.store);
let token: string;

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedPullRequests(store, [{ installationId: 1, repoId: 11, repo: "acme/widgets", number: 1 }]);
  token = (await createToken(store, { installationId: 1 })).token;
});

/** Every read the endpoints could make past authentication; a 400 must reach none of them. */
function spyOnReads() {
  const store = db.store();
  const models = [store.pullRequests, store.repositories, store.commits, store.deployments];
  return models.flatMap((model) =>
    (["find", "findOne", "aggregate", "countDocuments"] as const).map((method) => jest.spyOn(model, method)),
  );
}

afterEach(() => jest.restoreAllMocks());

describe("bad parameters answer 400 and touch no data", () => {
  it.each([
    ["a date that is not ISO 8601", "/api/v1/pulls?since=yesterday", "since"],
    ["a day that does not exist", "/api/v1/metrics?since=2024-02-30", "since"],
    ["a date-time without a zone", "/api/v1/metrics?until=2024-05-01T10:00:00", "until"],
    ["since after until", "/api/v1/dora?since=2024-05-02&until=2024-05-01", "since"],
    ["since after the default until", "/api/v1/metrics?since=2999-01-01", "since"],
    ["a range over ten years", "/api/v1/metrics?groupBy=week&since=0001-01-01", "since"],
    ["an unknown groupBy", "/api/v1/metrics?groupBy=day", "groupBy"],
    ["an unknown state", "/api/v1/pulls?state=draft", "state"],
    ["an operator in brackets", "/api/v1/pulls?repo[$ne]=x", "repo[$ne]"],
    ["an operator in encoded brackets", "/api/v1/metrics?repo%5B%24ne%5D=x", "repo[$ne]"],
    ["a nested key", "/api/v1/pulls?author[login]=x", "author[login]"],
    ["a repeated parameter", "/api/v1/pulls?repo=acme/widgets&repo=globex/secret", "repo"],
    ["an unknown parameter", "/api/v1/pulls?sort=title", ""],
    ["a $-parameter", "/api/v1/sync?$where=1", ""],
    ["__proto__ on the list", "/api/v1/pulls?__proto__=x", ""],
    ["__proto__ on metrics", "/api/v1/metrics?__proto__=x", ""],
    ["an encoded __proto__", "/api/v1/dora?%5F%5Fproto%5F%5F=x", ""],
    ["constructor", "/api/v1/pulls?constructor=x", ""],
    ["a parameter on a PR", "/api/v1/pulls/acme/widgets/1?fields=title", ""],
    ["a repo without owner", "/api/v1/pulls?repo=widgets", "repo"],
    ["a repo with an operator", "/api/v1/pulls?repo=%7B%22%24ne%22%3A1%7D", "repo"],
    ["limit 0", "/api/v1/pulls?limit=0", "limit"],
    ["limit over 500", "/api/v1/pulls?limit=501", "limit"],
    ["a limit that is no number", "/api/v1/pulls?limit=10abc", "limit"],
    ["a forged cursor", "/api/v1/pulls?cursor=eyJjIjoxfQ", "cursor"],
    ["an unknown format", "/api/v1/pulls?format=xml", "format"],
    ["CSV where no list is returned", "/api/v1/dora?format=csv", ""],
    ["a PR number that is no number", "/api/v1/pulls/acme/widgets/one", "number"],
  ])("%s", async (_label, path, issuePath) => {
    const reads = spyOnReads();
    const response = await api.get(path, token);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual({
      error: { code: "invalid_parameters", message: expect.any(String), issues: expect.any(Array) },
    });
    expect(body.error.message).not.toContain("\n");
    expect(body.error.issues.map((issue: { path: string[] }) => issue.path.join("."))).toContain(issuePath);
    expect(reads.filter((spy) => spy.mock.calls.length > 0)).toEqual([]);
  });

  it("sees the reads of a valid request (the spies work)", async () => {
    const reads = spyOnReads();
    expect((await api.get("/api/v1/pulls?repo=acme/widgets", token)).status).toBe(200);
    expect(reads.filter((spy) => spy.mock.calls.length > 0).length).toBeGreaterThan(0);
  });

  it("reports issues without echoing the input", async () => {
    const body = await (await api.get("/api/v1/pulls?since=yesterday&repo=x", token)).json();
    expect(body.error.issues).toEqual([
      expect.objectContaining({ code: "invalid_format", path: ["repo"] }),
      expect.objectContaining({ code: "custom", path: ["since"] }),
    ]);
    expect(JSON.stringify(body)).not.toContain("yesterday");
  });

  it("names the problem in the message", async () => {
    const body = await (await api.get("/api/v1/pulls?limit=501", token)).json();
    expect(body.error.message).toBe("✖ must be at most 500 → at limit");
  });

  it("checks the token before the parameters", async () => {
    expect((await api.get("/api/v1/pulls?repo[$ne]=x")).status).toBe(401);
  });
});
