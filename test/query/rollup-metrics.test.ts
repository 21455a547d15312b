import fc from "fast-check";
import { writeDerived } from "../../src/convert/refresh-pull-requests.js";
import { aggregatePullRequests, type AggregatablePullRequest } from "../../src/metrics/aggregate.js";
import { getMetrics, getMetricsOfInstallations } from "../../src/query/metrics.js";
import { listWaitingPulls } from "../../src/query/waiting-pulls.js";
import { countPullRequests } from "../../src/storage/rollups/count-pull-requests.js";
import type { Store } from "../../src/storage/store.js";
import { removeRepositories } from "../../src/storage/write/installations.js";
import { writePullRequests } from "../../src/storage/write/pull-requests.js";
import { useTestDatabase } from "../harness/database.js";
import { pullRequestRecord } from "../harness/factories.js";
import {
  groupByArb,
  pullRequestArb,
  rangeArb,
  REPOS,
  touching,
  type RandomPr,
} from "../metrics/rollup-arbitraries.js";

/**
 * Rollups kept by the convert step's own write (`writeDerived`, what every path that changes a PR's
 * derived fields goes through), on the real test database: whatever order the versions of the PRs
 * arrive in, and after a repository is removed, the metrics query (stored rollups plus partial weeks)
 * answers exactly what the direct computation gives over the stored PRs; and the PR counts kept with
 * them (`/sync`, the open PRs waiting longest) are those of the stored PRs.
 */
const db = useTestDatabase();
const INSTALLATION = 1;

/** A PR in two versions: an older one (another merge time, other figures) and the final one. */
const versionsArb = fc
  .array(fc.tuple(pullRequestArb, pullRequestArb, fc.boolean(), fc.nat(), fc.nat()), {
    maxLength: 20,
    size: "max",
  })
  .map((pairs) =>
    pairs
      .flatMap(([final, older, hasOlder, arrival, olderArrival], index) => {
        const number = index + 1;
        const last = { ...final, number, version: 2, arrival };
        // The same PR earlier: same repository and creation, not merged yet or merged at another time.
        const early = {
          ...older,
          repoId: final.repoId,
          repo: final.repo,
          createdAt: final.createdAt,
          number,
        };
        return hasOlder ? [{ ...early, version: 1, arrival: olderArrival }, last] : [last];
      })
      // The order they arrive in: any, the older version after the newer one included.
      .sort((a, b) => a.arrival - b.arrival),
  );

type Version = RandomPr & { version: number };

/** Stores versions as a batch does: the PR through the write policy, then the convert step's write. */
async function apply(store: Store, batch: readonly Version[], stored: Map<string, Version>): Promise<void> {
  for (const { repoId, repo } of REPOS) {
    const ofRepo = batch.filter((version) => version.repoId === repoId);
    if (ofRepo.length === 0) continue;
    const key = { installationId: INSTALLATION, repoId };
    const writes = ofRepo.map((version) => ({
      record: pullRequestRecord({
        ...key,
        repo,
        number: version.number,
        prId: repoId * 1000 + version.number,
        author: version.author,
        state: version.mergedAt ? "merged" : "open",
        createdAt: version.createdAt,
        mergedAt: version.mergedAt,
        updatedAt: new Date(Date.UTC(2025, 0, 1) + version.version * 1000),
      }),
    }));
    await writePullRequests(store, key, writes, { rewriteEqual: true });
    // The convert step derives from what is stored: the newest version seen, whatever the order.
    for (const version of ofRepo) {
      const id = `${repoId}#${version.number}`;
      if ((stored.get(id)?.version ?? 0) < version.version) stored.set(id, version);
    }
    const numbers = [...new Set(ofRepo.map((version) => version.number))];
    const docs = await store.pullRequests.find({ ...key, number: { $in: numbers } }).lean();
    await writeDerived(
      store,
      key,
      docs,
      docs.map((doc) => {
        const version = stored.get(`${repoId}#${doc.number}`) as Version;
        return {
          readyAt: version.createdAt,
          firstCommitAt: version.firstCommitAt ?? null,
          firstReviewAt: version.firstReviewAt,
          firstApprovalAt: null,
          reviewers: version.reviewers ?? [],
          reviewsByReviewer: version.reviewsByReviewer ?? [],
          isRevert: version.isRevert,
          isHotfix: version.isHotfix,
          aiAssisted: version.aiAssisted,
          aiEvidence: [],
          metrics: { ...version.metrics } as Record<string, number | null>,
        };
      }),
    );
  }
}

const AGGREGATE_FIELDS =
  "repo author createdAt mergedAt firstReviewAt isRevert isHotfix aiAssisted additions deletions metrics reviewers reviewsByReviewer";

/** The direct computation over every stored PR the range touches: the oracle. */
async function direct(store: Store, query: Parameters<typeof getMetrics>[2] & { repoId?: number }) {
  const scope = { installationId: INSTALLATION, ...(query.repoId ? { repoId: query.repoId } : {}) };
  const prs = await store.pullRequests.find(scope, AGGREGATE_FIELDS).lean<AggregatablePullRequest[]>();
  return aggregatePullRequests(touching(prs, query), { ...query, groupBy: query.groupBy ?? "none" });
}

/** What `/sync` and the open-PR list count from the rollups, and which open PRs waited longest. */
async function counted(store: Store) {
  const waiting = await listWaitingPulls(store, INSTALLATION, { limit: 3 });
  const perRepo = [...(await countPullRequests(store, INSTALLATION))].filter(([, count]) => count > 0);
  return {
    perRepo: perRepo.sort(([a], [b]) => a - b),
    open: waiting.open,
    drafts: waiting.drafts,
    oldest: waiting.items.map((pr) => `${pr.repo}#${pr.number}`),
  };
}

async function countedDirectly(store: Store) {
  const prs = await store.pullRequests
    .find(
      { installationId: INSTALLATION },
      { repoId: 1, repo: 1, number: 1, prId: 1, state: 1, createdAt: 1 },
    )
    .lean();
  const perRepo = new Map<number, number>();
  for (const pr of prs) perRepo.set(pr.repoId, (perRepo.get(pr.repoId) ?? 0) + 1);
  const open = prs
    .filter((pr) => pr.state === "open")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.prId - b.prId);
  return {
    perRepo: [...perRepo].sort(([a], [b]) => a - b),
    open: open.length,
    drafts: 0,
    oldest: open.slice(0, 3).map((pr) => `${pr.repo}#${pr.number}`),
  };
}

const queryArb = fc.record({
  range: rangeArb,
  groupBy: groupByArb,
  repo: fc.option(fc.constantFrom(...REPOS), { nil: undefined }),
});

async function reset(store: Store): Promise<void> {
  await Promise.all([
    store.pullRequests.deleteMany({}),
    store.rollups.deleteMany({}),
    store.rollupSlices.deleteMany({}),
    store.weekRollups.deleteMany({}),
    store.weekSlices.deleteMany({}),
    store.repositories.deleteMany({}),
  ]);
  await store.repositories.insertMany(
    REPOS.map(({ repoId, repo }) => ({ installationId: INSTALLATION, repoId, fullName: repo })),
  );
}

describe("metrics from rollups kept by the convert step", () => {
  it("equal the direct computation, whatever order PR versions arrive in and after a removal", async () => {
    const store = db.store();
    await fc.assert(
      fc.asyncProperty(
        versionsArb,
        fc.integer({ min: 1, max: 6 }),
        fc.array(queryArb, { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...REPOS),
        async (versions, batchSize, queries, removed) => {
          await reset(store);
          const order = versions;
          const stored = new Map<string, Version>();
          for (let start = 0; start < order.length; start += batchSize)
            await apply(store, order.slice(start, start + batchSize), stored);

          for (const { range, groupBy, repo } of queries) {
            const query = { ...range, groupBy: groupBy === "none" ? undefined : groupBy };
            const expected = await direct(store, { ...query, repoId: repo?.repoId });
            expect(await getMetrics(store, INSTALLATION, { ...query, repo: repo?.repo })).toEqual(expected);
          }
          const [first] = queries;
          const everything = {
            ...first.range,
            groupBy: first.groupBy === "none" ? undefined : first.groupBy,
          };
          expect(await getMetricsOfInstallations(store, [INSTALLATION], everything)).toEqual(
            await direct(store, everything),
          );
          expect(await counted(store)).toEqual(await countedDirectly(store));

          await removeRepositories(store, INSTALLATION, [removed.repoId]);
          expect(await store.rollups.countDocuments({ repoId: removed.repoId })).toBe(0);
          expect(await store.rollupSlices.countDocuments({ repoId: removed.repoId })).toBe(0);
          for (const { range, groupBy } of queries.slice(0, 2)) {
            const query = { ...range, groupBy: groupBy === "none" ? undefined : groupBy };
            expect(await getMetrics(store, INSTALLATION, query)).toEqual(await direct(store, query));
          }
          expect(await counted(store)).toEqual(await countedDirectly(store));
        },
      ),
      { numRuns: 12 },
    );
  });
});
