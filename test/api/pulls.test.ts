import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository, withConfig, type PrSeed } from "./seed.js";

const db = useTestDatabase();
const api = useApiServer(db.store);
let token: string;

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;
const t = (iso: string) => new Date(iso);
const robot = (login: string) => ({ login, id: 8, type: "User" });
const day = (n: number) => new Date(Date.UTC(2024, 4, n, 12));

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
  await seedRepository(store, 1, 14, "acme/robots", withConfig({ bots: ["release-robot"] }));
  await seedRepository(store, 1, 15, "acme/plain");
  token = (await createToken(store, { installationId: 1 })).token;
  await seedPullRequests(store, [
    {
      ...widgets,
      number: 1,
      title: "Add the thing",
      author: { login: "Carol", id: 3, type: "User" },
      state: "merged",
      createdAt: day(1),
      readyAt: day(1),
      mergedAt: day(3),
      closedAt: day(3),
      headRef: "feature/thing",
      labels: ["ui", "ai-assisted"],
      milestone: "v1",
      assignees: ["alice"],
      linkedIssues: ["acme/widgets#7"],
      additions: 120,
      deletions: 30,
      changedFiles: 4,
      firstReviewAt: day(2),
      firstApprovalAt: new Date(Date.UTC(2024, 4, 2, 18)),
      reviewers: ["bob", "dave"],
      reviewsByReviewer: [
        { login: "bob", count: 1 },
        { login: "dave", count: 1 },
      ],
      aiAssisted: true,
      aiEvidence: ["label:ai-assisted"],
      metrics: { cycleTimeHours: 48, pickupTimeHours: 24, reviewCount: 2, commitsCount: 3 },
    },
    { ...widgets, number: 2, state: "closed", createdAt: day(2), closedAt: day(4) },
    { ...gadgets, number: 1, createdAt: day(5), author: { login: "dependabot[bot]", id: 9, type: "Bot" } },
    { ...gadgets, number: 2, createdAt: day(6), draft: true, readyAt: null },
    {
      installationId: 1,
      repoId: 14,
      repo: "acme/robots",
      number: 1,
      createdAt: t("2024-04-02T00:00Z"),
      author: robot("Release-Robot"),
    },
    {
      installationId: 1,
      repoId: 15,
      repo: "acme/plain",
      number: 1,
      createdAt: t("2024-04-01T00:00Z"),
      author: robot("release-robot"),
    },
  ]);
});

const items = async (path: string) => {
  const response = await api.get(path, token);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: { repo: string; number: number }[]; nextCursor: string | null };
};
const ids = (page: { items: { repo: string; number: number }[] }) =>
  page.items.map((pr) => `${pr.repo}#${pr.number}`);

describe("GET /api/v1/pulls/:owner/:repo/:number", () => {
  it("returns the contract's PR shape, times in UTC ISO 8601 and every metric name", async () => {
    const response = await api.get("/api/v1/pulls/acme/widgets/1", token);
    expect(response.status).toBe(200);
    const pr = await response.json();
    expect(pr).toEqual({
      repo: "acme/widgets",
      number: 1,
      title: "Add the thing",
      author: { login: "Carol", isBot: false },
      state: "merged",
      draft: false,
      createdAt: "2024-05-01T12:00:00.000Z",
      readyAt: "2024-05-01T12:00:00.000Z",
      mergedAt: "2024-05-03T12:00:00.000Z",
      closedAt: "2024-05-03T12:00:00.000Z",
      headRef: "feature/thing",
      baseRef: "main",
      labels: ["ui", "ai-assisted"],
      milestone: "v1",
      assignees: ["alice"],
      linkedIssues: ["acme/widgets#7"],
      additions: 120,
      deletions: 30,
      changedFiles: 4,
      firstReviewAt: "2024-05-02T12:00:00.000Z",
      firstApprovalAt: "2024-05-02T18:00:00.000Z",
      isRevert: false,
      isHotfix: false,
      aiAssisted: true,
      aiEvidence: ["label:ai-assisted"],
      dataComplete: true,
      metrics: {
        codingTimeHours: null,
        pickupTimeHours: 24,
        reviewTimeHours: null,
        cycleTimeHours: 48,
        reviewCount: 2,
        reviewersCount: null,
        approvalsCount: null,
        changesRequestedCount: null,
        commitsCount: 3,
        commitsAfterFirstReview: null,
        issueCommentsCount: null,
        reviewCommentsCount: null,
        checkRunsCount: null,
        checkRunsFailed: null,
        ciDurationSeconds: null,
        ciWallSeconds: null,
        additions: null,
        deletions: null,
        changedFiles: null,
      },
      reviewers: ["bob", "dave"],
      truncated: [],
    });
  });

  it("shows no reviewers for a PR stored before reviewers were derived", async () => {
    const filter = { installationId: 1, repoId: 11, number: 2 };
    await db.store().pullRequests.collection.updateOne(filter, { $unset: { reviewers: "" } });
    expect((await (await api.get("/api/v1/pulls/acme/widgets/2", token)).json()).reviewers).toEqual([]);
  });

  it("finds the repository in any case, and marks bots", async () => {
    expect((await (await api.get("/api/v1/pulls/ACME/Widgets/1", token)).json()).repo).toBe("acme/widgets");
    expect((await (await api.get("/api/v1/pulls/acme/gadgets/1", token)).json()).author).toEqual({
      login: "dependabot[bot]",
      isBot: true,
    });
  });

  it("counts an account as a bot where the repository's config lists it, and only there", async () => {
    const author = async (path: string) => (await (await api.get(path, token)).json()).author;
    expect(await author("/api/v1/pulls/acme/robots/1")).toEqual({ login: "Release-Robot", isBot: true });
    expect(await author("/api/v1/pulls/acme/plain/1")).toEqual({ login: "release-robot", isBot: false });
    const listed = await (await api.get("/api/v1/pulls?author=release-robot", token)).json();
    expect(listed.items.map((pr: { author: object }) => pr.author)).toEqual([
      { login: "Release-Robot", isBot: true },
      { login: "release-robot", isBot: false },
    ]);
  });

  it("answers 404 for a missing number in a known repository", async () => {
    const response = await api.get("/api/v1/pulls/acme/widgets/99", token);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

describe("GET /api/v1/pulls", () => {
  it("lists newest first", async () => {
    expect(ids(await items("/api/v1/pulls"))).toEqual([
      "acme/gadgets#2",
      "acme/gadgets#1",
      "acme/widgets#2",
      "acme/widgets#1",
      "acme/robots#1",
      "acme/plain#1",
    ]);
  });

  it.each([
    ["repo", "repo=acme/widgets", ["acme/widgets#2", "acme/widgets#1"]],
    ["state", "state=closed", ["acme/widgets#2"]],
    ["author in any case", "author=carol", ["acme/widgets#1"]],
    [
      "since/until on createdAt, until exclusive",
      "since=2024-05-02&until=2024-05-06T12:00:00Z",
      ["acme/gadgets#1", "acme/widgets#2"],
    ],
    ["since with an offset", "since=2024-05-06T13:00:00%2B02:00", ["acme/gadgets#2"]],
  ])("filters by %s", async (_label, query, expected) => {
    expect(ids(await items(`/api/v1/pulls?${query}`))).toEqual(expected);
  });

  it("returns CSV with a header row and flattened fields", async () => {
    const response = await api.get("/api/v1/pulls?repo=acme/widgets&format=csv&limit=1", token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("x-next-cursor")).toEqual(expect.any(String));
    const [header, row, ...rest] = (await response.text()).trimEnd().split("\n");
    expect(rest).toEqual([]);
    const columns = header.split(",");
    expect(columns.slice(0, 6)).toEqual(["repo", "number", "title", "author.login", "author.isBot", "state"]);
    expect(columns).toContain("metrics.cycleTimeHours");
    const cell = (name: string) => row.split(",")[columns.indexOf(name)];
    expect([cell("repo"), cell("number"), cell("state"), cell("draft")]).toEqual([
      "acme/widgets",
      "2",
      "closed",
      "false",
    ]);
    expect(cell("metrics.cycleTimeHours")).toBe("");
  });

  it("joins lists in a CSV cell and keeps the header for an empty list", async () => {
    const csv = await (await api.get("/api/v1/pulls?author=carol&format=csv", token)).text();
    expect(csv).toContain(",ui;ai-assisted,");
    expect(csv.trimEnd().split("\n")[1]).toMatch(/,bob;dave,$/); // reviewers, then truncated (empty)
    const empty = await (await api.get("/api/v1/pulls?author=nobody&format=csv", token)).text();
    expect(empty.trimEnd().split("\n")).toHaveLength(1);
    expect(empty).toMatch(/^repo,number,title,author\.login/);
  });
});

describe("cursor pagination", () => {
  const paging = { installationId: 1, repoId: 13, repo: "acme/paging" } as const;
  const at = (hour: number) => new Date(Date.UTC(2024, 6, 1, hour));

  it("neither repeats nor skips a PR while others are inserted between pages", async () => {
    const store = db.store();
    await seedRepository(store, 1, 13, "acme/paging");
    // Several PRs share a createdAt, so the prId tie-break decides page boundaries.
    const initial: PrSeed[] = [10, 10, 10, 9, 9, 8, 7].map((hour, i) => ({
      ...paging,
      number: i + 1,
      createdAt: at(hour),
    }));
    await seedPullRequests(store, initial);

    const seen: string[] = [];
    let page = await items("/api/v1/pulls?repo=acme/paging&limit=3");
    seen.push(...ids(page));
    // Inserted between pages. Before the cursor, so never served: one newer than everything, and one in
    // the cursor's own hour (a later prId sorts first). After it, so still served: an older one, and one
    // in the hour of PRs not yet served.
    await seedPullRequests(store, [
      { ...paging, number: 100, createdAt: at(23) },
      { ...paging, number: 103, createdAt: at(10) },
      { ...paging, number: 101, createdAt: at(1) },
      { ...paging, number: 102, createdAt: at(9) },
    ]);
    while (page.nextCursor) {
      page = await items(`/api/v1/pulls?repo=acme/paging&limit=3&cursor=${page.nextCursor}`);
      seen.push(...ids(page));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...initial.map((pr) => pr.number), 101, 102].map((n) => `acme/paging#${n}`);
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it("ends with a null cursor exactly at the last page", async () => {
    const first = await items("/api/v1/pulls?repo=acme/widgets&limit=1");
    expect(first.nextCursor).not.toBeNull();
    const second = await items(`/api/v1/pulls?repo=acme/widgets&limit=1&cursor=${first.nextCursor}`);
    expect([ids(first), ids(second), second.nextCursor]).toEqual([
      ["acme/widgets#2"],
      ["acme/widgets#1"],
      null,
    ]);
  });
});
