import fc from "fast-check";
import { decodeCursor } from "../../src/query/cursor.js";
import { listPullRequests, type ListPullRequestsQuery } from "../../src/query/pull-requests.js";
import { listWaitingPulls } from "../../src/query/waiting-pulls.js";
import type { PullRequestState } from "../../src/records/types.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import { seedInstallation, seedPullRequests, seedRepository, type PrSeed } from "../api/seed.js";
import { useMonitoredDatabase } from "../harness/query-plans.js";

/**
 * The PR list's windows of `createdAt` (src/query/newest-first.ts) against organisations of very
 * different density: a page reads about a page of PRs and few round trips, and paging stays exact.
 */
const db = useMonitoredDatabase();

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = new Date("2026-01-01T00:00:00Z");
const DENSE = 8;
const SPARSE = 9;
const MIXED = 10;
const STATES: PullRequestState[] = ["merged", "open", "closed"];
const mixed: PullRequestDocument[] = [];

const pr = (installationId: number, repoId: number, number: number, createdAt: Date): PrSeed => ({
  installationId,
  repoId,
  repo: `org${installationId}/repo${repoId}`,
  number,
  createdAt,
  state: STATES[number % STATES.length],
  author: { login: `Dev${number % 4}`, id: 700 + (number % 4), type: "User" },
});

beforeAll(async () => {
  const store = db.store();
  for (const id of [DENSE, SPARSE, MIXED]) {
    await seedInstallation(store, id, `org${id}`);
    for (const repoId of [1, 2])
      await seedRepository(store, id, id * 10 + repoId, `org${id}/repo${id * 10 + repoId}`);
  }
  // Dense: a PR every three minutes for the last 30 hours (480 a day).
  await seedPullRequests(
    store,
    Array.from({ length: 600 }, (_, i) =>
      pr(DENSE, 81, i + 1, new Date(NOW.getTime() - (i + 1) * 3 * MINUTE)),
    ),
  );
  // Sparse: a PR every ten days for three years.
  await seedPullRequests(
    store,
    Array.from({ length: 110 }, (_, i) =>
      pr(SPARSE, 91, i + 1, new Date(NOW.getTime() - (i + 1) * 10 * DAY)),
    ),
  );
  // Mixed: bursts of PRs opened in the same millisecond, quiet weeks, two repositories.
  const times = fc.sample(
    fc.integer({ min: 1, max: 400 }).map((hours) => NOW.getTime() - hours * 3_600_000),
    { numRuns: 120, seed: 42 },
  );
  const seeds = times.flatMap((time, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, j) =>
      pr(MIXED, 101 + ((i + j) % 2), i * 3 + j + 1, new Date(time)),
    ),
  );
  mixed.push(...(await seedPullRequests(store, seeds)));
});

beforeEach(() => {
  db.sent.length = 0;
});

const prFinds = () => db.sent.filter((one) => one.kind === "find" && one.collection === "pull_requests");

/** The documents every list read since the last reset matched (what the server materialised). */
async function docsRead(): Promise<number> {
  let total = 0;
  for (const one of prFinds()) total += await db.docsExamined(one);
  return total;
}

/** Each page a client following `nextCursor` gets, with what it cost. */
async function pageCosts(
  installationId: number,
  query: Partial<ListPullRequestsQuery>,
  limit: number,
  pages: number,
) {
  const costs: Array<{ items: number; docs: number; reads: number }> = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    db.sent.length = 0;
    const position = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
    const result = await listPullRequests(
      db.store(),
      installationId,
      { ...query, limit, cursor: position },
      NOW,
    );
    costs.push({ items: result.items.length, docs: await docsRead(), reads: prFinds().length });
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return costs;
}

describe("the PR list's windows", () => {
  it("read about a page on a dense organisation, first page and later ones", async () => {
    const costs = await pageCosts(DENSE, {}, 50, 6);
    expect(costs.map((cost) => cost.items)).toEqual([50, 50, 50, 50, 50, 50]);
    // A day's window (480 PRs here) was what a page read before the windows followed the page size.
    for (const cost of costs) expect(cost.docs).toBeLessThanOrEqual(80);
    // After the first page, the cursor's pace sizes the first window: one read is usually enough.
    for (const cost of costs.slice(1)) expect(cost.reads).toBeLessThanOrEqual(2);
  });

  it("read about a page when the newest PR is hours old, not the quiet hours' guess of the pace", async () => {
    db.sent.length = 0;
    const later = new Date(NOW.getTime() + 8.5 * 3_600_000);
    const page = await listPullRequests(db.store(), DENSE, { limit: 50 }, later);
    expect(page.items).toHaveLength(50);
    // Half an hour of PRs (10) in the first nine hours read: paced over the whole nine, the next window
    // would reach 46 hours back and read all 600.
    expect(await docsRead()).toBeLessThanOrEqual(80);
  });

  it("take few round trips on a sparse organisation", async () => {
    const costs = await pageCosts(SPARSE, {}, 50, 3);
    expect(costs.map((cost) => cost.items)).toEqual([50, 50, 10]);
    expect(costs[0].reads).toBeLessThanOrEqual(6);
    for (const cost of costs.slice(1)) expect(cost.reads).toBeLessThanOrEqual(3);
  });

  it("reach back to GitHub's launch in a few reads when nothing matches", async () => {
    const costs = await pageCosts(SPARSE, { author: "nobody" }, 50, 1);
    // The stored counts size the first window to a page and a quarter of PRs (640 days here).
    expect(costs).toEqual([{ items: 0, docs: 0, reads: 3 }]);
  });
});

const expectedOrder = (docs: PullRequestDocument[]) =>
  [...docs]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.prId - a.prId)
    .map((doc) => doc.number);

/** Every page of a list, as a client following `nextCursor` gets them. */
async function everyNumber(query: Partial<ListPullRequestsQuery>, limit: number): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  do {
    const position = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
    const page = await listPullRequests(db.store(), MIXED, { ...query, limit, cursor: position }, NOW);
    numbers.push(...page.items.map((item) => item.number));
    cursor = page.nextCursor;
  } while (cursor);
  return numbers;
}

describe("the open PRs waiting longest", () => {
  it("read about the listed ones, not every open PR, on a dense organisation", async () => {
    const waiting = await listWaitingPulls(db.store(), DENSE, { limit: 15 });
    // Every third PR is open: 200 in the last 30 hours, the oldest first.
    expect([waiting.open, waiting.drafts]).toEqual([200, 0]);
    const oldest = Array.from({ length: 600 }, (_, i) => i + 1)
      .filter((number) => STATES[number % STATES.length] === "open")
      .reverse()
      .slice(0, 15);
    expect(waiting.items.map((item) => item.number)).toEqual(oldest);
    expect(await docsRead()).toBeLessThanOrEqual(30);
  });
});

describe("paging", () => {
  it("splits PRs opened in the same millisecond across pages without a skip or a repeat", async () => {
    expect(await everyNumber({}, 2)).toEqual(expectedOrder(mixed));
  });

  it("lists every matching PR once, in order, whatever the filters and page size", async () => {
    const hour = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
    const queryArb = fc.record(
      {
        state: fc.constantFrom(...STATES),
        repo: fc.constantFrom("org10/repo101", "ORG10/repo102"),
        author: fc.constantFrom("dev1", "DEV2"),
        since: fc.integer({ min: 100, max: 420 }).map(hour),
        until: fc.integer({ min: 0, max: 99 }).map(hour),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(queryArb, fc.integer({ min: 3, max: 60 }), async (query, limit) => {
        const expected = mixed.filter(
          (doc) =>
            (query.state === undefined || doc.state === query.state) &&
            (query.repo === undefined || doc.repo === query.repo.toLowerCase()) &&
            (query.author === undefined || doc.author.login.toLowerCase() === query.author.toLowerCase()) &&
            (query.since === undefined || doc.createdAt >= query.since) &&
            (query.until === undefined || doc.createdAt < query.until),
        );
        expect(await everyNumber(query, limit)).toEqual(expectedOrder(expected));
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
