import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository } from "./seed.js";

/** `GET /api/v1/pulls/waiting`: the dashboard's open PRs waiting longest, and how many are open. */
const db = useTestDatabase();
const api = useApiServer(db.store);
let token: string;

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;
const day = (n: number) => new Date(Date.UTC(2024, 4, n, 12));

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "other");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
  await seedRepository(store, 2, 21, "other/secret");
  token = (await createToken(store, { installationId: 1 })).token;
  await seedPullRequests(store, [
    { ...widgets, number: 1, state: "open", createdAt: day(9) },
    { ...widgets, number: 2, state: "open", createdAt: day(3), firstReviewAt: day(4) },
    { ...widgets, number: 3, state: "open", createdAt: day(1), draft: true, readyAt: null },
    { ...widgets, number: 4, state: "merged", createdAt: day(2), mergedAt: day(5), closedAt: day(5) },
    { ...gadgets, number: 1, state: "open", createdAt: day(5) },
    { ...gadgets, number: 2, state: "closed", createdAt: day(1), closedAt: day(2) },
    { installationId: 2, repoId: 21, repo: "other/secret", number: 1, state: "open", createdAt: day(1) },
  ]);
});

async function body(query: string) {
  const response = await api.get(`/api/v1/pulls/waiting${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    open: number;
    drafts: number;
    items: Array<{ repo: string; number: number }>;
  };
}

const names = (items: Array<{ repo: string; number: number }>) =>
  items.map((pr) => `${pr.repo}#${pr.number}`);

describe("the open PRs waiting longest", () => {
  it("counts the installation's open PRs and drafts, and lists the ready ones oldest first", async () => {
    const waiting = await body("");
    expect([waiting.open, waiting.drafts]).toEqual([4, 1]);
    expect(names(waiting.items)).toEqual(["acme/widgets#2", "acme/gadgets#1", "acme/widgets#1"]);
    expect(waiting.items[0]).toMatchObject({
      state: "open",
      draft: false,
      firstReviewAt: day(4).toISOString(),
    });
  });

  it("lists at most `limit`, still counting them all", async () => {
    const waiting = await body("?limit=1");
    expect([waiting.open, waiting.drafts, names(waiting.items)]).toEqual([4, 1, ["acme/widgets#2"]]);
  });

  it("keeps to one repository, named in any case", async () => {
    const waiting = await body("?repo=ACME/Gadgets");
    expect([waiting.open, waiting.drafts, names(waiting.items)]).toEqual([1, 0, ["acme/gadgets#1"]]);
  });

  it("answers CSV with the counts in headers", async () => {
    const response = await api.get("/api/v1/pulls/waiting?format=csv&limit=2", token);
    expect(response.status).toBe(200);
    expect([response.headers.get("x-open-count"), response.headers.get("x-drafts-count")]).toEqual([
      "4",
      "1",
    ]);
    expect((await response.text()).trim().split("\n")).toHaveLength(3);
  });

  it.each([
    ["a limit past 100", "?limit=101", 400],
    ["a limit of 0", "?limit=0", 400],
    ["an unknown parameter", "?state=open", 400],
    ["another installation's repository", "?repo=other/secret", 404],
  ])("refuses %s", async (_label, query, status) => {
    expect((await api.get(`/api/v1/pulls/waiting${query}`, token)).status).toBe(status);
  });
});
