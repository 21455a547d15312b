import { weekStart } from "../metrics/week.js";
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

/**
 * The PRs merged in [since, until), from the `merges` of every week's rollup the range overlaps, kept
 * when their `mergedAt` is in it: exact for any range, on the rollups' `{installationId[, repoId], week}`
 * index (equality prefix, then one range), never reading a PR.
 */
export async function mergesInRange(
  store: Store,
  scope: PullRequestScope,
  range: { since: Date; until: Date },
): Promise<Merge[]> {
  const found: Merge[] = [];
  if (range.until.getTime() <= range.since.getTime()) return found;
  const docs = await store.rollups
    .find(
      { ...scope, week: { $gte: weekStart(range.since), $lt: range.until } },
      { _id: 0, repoId: 1, merges: 1 },
    )
    .lean<Pick<RollupDocument, "repoId" | "merges">[]>();
  const since = range.since.getTime();
  const until = range.until.getTime();
  for (const { repoId, merges } of docs) {
    const pairs = merges ? decodeNumbers(merges) : [];
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      if (pairs[index] < since || pairs[index] >= until) continue;
      found.push({ repoId, mergedAt: new Date(pairs[index]), start: new Date(pairs[index + 1]) });
    }
  }
  return found;
}
