import { resolveInstallation } from "../../src/query/installations.js";
import {
  getPullRequest,
  listPullRequests,
  type ListPullRequestsQuery,
} from "../../src/query/pull-requests.js";
import { repoConfigs } from "../../src/query/repo-configs.js";
import { findRepositoryInstallation, resolveRepository } from "../../src/query/repositories.js";
import { getSyncStatus } from "../../src/query/sync-status.js";
import { listWaitingPulls } from "../../src/query/waiting-pulls.js";
import { decodeCursor } from "../../src/query/cursor.js";
import type { PullRequestState } from "../../src/records/types.js";
import { seedInstallation, seedPullRequests, seedRepository, type PrSeed } from "../api/seed.js";
import { useMonitoredDatabase, type SentFilter } from "../harness/query-plans.js";

/**
 * Every read the query layer sends (the API's, the CLI's and the dashboard's) must be answered by an
 * index's bounds alone: the embedded server reads every document a filter's indexed part matches, so a
 * filter on a field outside the index, a `$or`, or a regex made each request cost the whole history.
 * The list must also read about a page's worth of PRs, not every PR older than its cursor (and
 * test/query/list-windows.test.ts holds it to that on dense and sparse organisations).
 */
const db = useMonitoredDatabase();

const DAY = 86_400_000;
const NOW = new Date("2026-01-01T00:00:00Z");
const PRS = 365;
const repos = [
  { repoId: 21, fullName: "acme/widgets" },
  { repoId: 22, fullName: "acme/Gadgets" },
  { repoId: 23, fullName: "acme/tools" },
];
const STATES: PullRequestState[] = ["merged", "merged", "closed", "open"];

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 7, "AcmeCorp");
  for (const repo of repos) await seedRepository(store, 7, repo.repoId, repo.fullName);
  // One PR a day over the year before NOW, round the repositories, states and ten authors.
  const seeds: PrSeed[] = Array.from({ length: PRS }, (_, i) => {
    const repo = repos[i % repos.length];
    return {
      installationId: 7,
      repoId: repo.repoId,
      repo: repo.fullName,
      number: i + 1,
      createdAt: new Date(NOW.getTime() - (i + 1) * DAY + 3_600_000),
      state: STATES[i % STATES.length],
      author: { login: `Dev${i % 10}`, id: 500 + (i % 10), type: "User" },
    };
  });
  await seedPullRequests(store, seeds);
});

beforeEach(() => {
  db.sent.length = 0;
});

const list = (query: Partial<ListPullRequestsQuery>) =>
  listPullRequests(db.store(), 7, { limit: 5, ...query }, NOW);

/** Pages through the whole list, as a client following `nextCursor` does. */
async function everyPage(query: Partial<ListPullRequestsQuery>, limit: number): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  do {
    const position = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
    const page = await list({ ...query, limit, cursor: position });
    numbers.push(...page.items.map((pr) => pr.number));
    cursor = page.nextCursor;
  } while (cursor);
  return numbers;
}

const prFinds = () => db.sent.filter((one) => one.kind === "find" && one.collection === "pull_requests");

async function expectOnIndex(): Promise<void> {
  expect(db.sent.length).toBeGreaterThan(0);
  expect(await db.offIndex(db.sent)).toEqual([]);
}

/** Each list read matches at most `bound` documents of the 365: a window, never the whole history. */
async function expectWindowed(bound: number): Promise<void> {
  const examined: Array<[string, number]> = [];
  for (const one of prFinds()) examined.push([JSON.stringify(one.filter), await db.docsExamined(one)]);
  expect(examined.filter(([, docs]) => docs > bound)).toEqual([]);
}

describe("the PR list", () => {
  it.each<[string, Partial<ListPullRequestsQuery>]>([
    ["no filter", {}],
    ["a state", { state: "open" }],
    ["an author, any case", { author: "dev3" }],
    ["a repository, any case", { repo: "acme/gadgets" }],
    ["a repository and a state", { repo: "acme/widgets", state: "merged" }],
    ["an author and a state", { author: "DEV4", state: "merged" }],
    ["since and until", { since: new Date("2025-06-01T00:00:00Z"), until: new Date("2025-07-01T00:00:00Z") }],
  ])("with %s reads a window of an index per request", async (_label, query) => {
    const page = await list(query);
    expect(page.items.length).toBeGreaterThan(0);
    await expectOnIndex();
    await expectWindowed(12);
  });

  it("pages by cursor on the index, reading about a page each time, and misses nothing", async () => {
    const numbers = await everyPage({}, 40);
    expect(numbers).toEqual(Array.from({ length: PRS }, (_, i) => i + 1));
    await expectOnIndex();
    await expectWindowed(60);
  });

  it("pages a filtered list to its end on the index", async () => {
    const numbers = await everyPage({ author: "Dev7", state: "merged" }, 3);
    const expected = Array.from({ length: PRS }, (_, i) => i + 1).filter(
      (n) => (n - 1) % 10 === 7 && STATES[(n - 1) % STATES.length] === "merged",
    );
    expect(numbers).toEqual(expected);
    await expectOnIndex();
  });

  it("reads an author nobody matches on the index, without reading every PR", async () => {
    expect((await list({ author: "nobody" })).items).toEqual([]);
    await expectOnIndex();
    await expectWindowed(0);
  });
});

describe("single lookups", () => {
  it("one PR by its repository's name, any case", async () => {
    const pr = await getPullRequest(db.store(), 7, "ACME/widgets", 4);
    expect([pr.repo, pr.number]).toEqual(["acme/widgets", 4]);
    await expectOnIndex();
  });

  it("the open PRs waiting longest: counted from the rollups, then about the listed ones read", async () => {
    const waiting = await listWaitingPulls(db.store(), 7, { repo: "acme/widgets", limit: 5 });
    // One PR in four is open, and the states and repositories take turns: a third of them are widgets'.
    expect([waiting.open, waiting.items.length]).toEqual([31, 5]);
    await expectOnIndex();
    // Each open PR is alone on its day, so each window of a day holds it and nothing else.
    const examined = await Promise.all(prFinds().map((one) => db.docsExamined(one)));
    expect(examined).toEqual([1, 1, 1, 1, 1]);
  });

  it("/sync: the repositories and their stored PRs", async () => {
    const { repos: rows } = await getSyncStatus(db.store(), 7);
    expect(rows.map((row) => [row.repo, row.prsStored])).toEqual([
      ["acme/Gadgets", 122],
      ["acme/tools", 121],
      ["acme/widgets", 122],
    ]);
    await expectOnIndex();
  });

  it("repositories and installations by name, any case, with and without an installation", async () => {
    expect((await resolveRepository(db.store(), 7, "Acme/Tools")).repoId).toBe(23);
    expect((await findRepositoryInstallation(db.store(), "ACME/GADGETS")).repoId).toBe(22);
    await expect(resolveRepository(db.store(), 7, "acme/missing")).rejects.toThrow("not found");
    expect(await resolveInstallation(db.store(), "7")).toBe(7);
    expect(await resolveInstallation(db.store(), "acmecorp")).toBe(7);
    const configs = await repoConfigs(db.store(), 7, [21, 22]);
    expect([...configs.keys()]).toEqual([21, 22]);
    await expectOnIndex();
  });

  it("the check itself sees a read the index serves only in part", async () => {
    const partial: SentFilter = {
      kind: "find",
      collection: "pull_requests",
      filter: { installationId: 7, title: "PR 1" },
    };
    expect(await db.offIndex([partial])).toHaveLength(1);
    const all: SentFilter = { kind: "find", collection: "pull_requests", filter: { installationId: 7 } };
    expect(await db.docsExamined(all)).toBe(PRS);
  });
});
