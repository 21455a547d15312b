import { mergesOf } from "../metrics/rollup-build.js";
import { splitAtWeeks } from "../metrics/week.js";
import type { AggregatablePullRequest } from "../metrics/aggregate.js";
import type { RollupDocument } from "../storage/models/rollup.js";
import { decodeNumbers } from "../storage/rollups/codec.js";
import type { PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";

/** A PR merged in the range, as lead time reads it (METRICS.md, DORA). */
export interface Merge {
  repoId: number;
  mergedAt: Date;
  /** Its first commit's `authoredAt`, or its `createdAt` without one. */
  start: Date;
}

function pairsOf(repoId: number, pairs: ArrayLike<number>, into: Merge[]): void {
  for (let index = 0; index + 1 < pairs.length; index += 2)
    into.push({ repoId, mergedAt: new Date(pairs[index]), start: new Date(pairs[index + 1]) });
}

/**
 * The PRs merged in [since, until): the whole weeks' from the rollups' `merges`, the partial weeks' at
 * either end from the PRs themselves, each on an index (equality prefix, then one range).
 */
export async function mergesInRange(
  store: Store,
  scope: PullRequestScope,
  range: { since: Date; until: Date },
): Promise<Merge[]> {
  const { weeks, edges } = splitAtWeeks(range.since, range.until);
  const found: Merge[] = [];
  for (const edge of edges) {
    const prs = await store.pullRequests
      .find(
        { ...scope, mergedAt: { $gte: edge.since, $lt: edge.until } },
        { _id: 0, repoId: 1, createdAt: 1, mergedAt: 1, firstCommitAt: 1 },
      )
      .lean<
        (Pick<AggregatablePullRequest, "createdAt" | "mergedAt" | "firstCommitAt"> & { repoId: number })[]
      >();
    for (const pr of prs) pairsOf(pr.repoId, mergesOf([pr], edge), found);
  }
  if (weeks) {
    const docs = await store.rollups
      .find({ ...scope, week: { $gte: weeks.since, $lt: weeks.until } }, { _id: 0, repoId: 1, merges: 1 })
      .lean<Pick<RollupDocument, "repoId" | "merges">[]>();
    for (const doc of docs) if (doc.merges) pairsOf(doc.repoId, decodeNumbers(doc.merges), found);
  }
  return found;
}
