import type { MergeColumns } from "../metrics/dora-columns.js";
import { weekStart } from "../metrics/week.js";
import type { RollupDocument } from "../storage/models/rollup.js";
import type { WeekSliceDocument } from "../storage/models/week-slice.js";
import { decodeNumbers, readRepositoryMerges } from "../storage/rollups/codec.js";
import type { PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";

/**
 * The `merges` of every week's rollup the range [since, until) overlaps: each repository-week's merged
 * PRs as (mergedAt, lead-time start) pairs, as stored (views of the read bytes, no copy), on the
 * rollups' `{installationId[, repoId], week}` index (equality prefix, then one range), never reading a
 * PR; for a whole installation, from its weeks' summed merges (a document per week, however many
 * repositories). The first and last weeks hold merges outside the range: the computation keeps those inside.
 */
export async function mergesInRange(
  store: Store,
  scope: PullRequestScope,
  range: { since: Date; until: Date },
): Promise<MergeColumns[]> {
  if (range.until.getTime() <= range.since.getTime()) return [];
  const week = { $gte: weekStart(range.since), $lt: range.until };
  if (scope.repoId === undefined) {
    const weeks = await store.weekSlices
      .find({ installationId: scope.installationId, kind: "merges", week }, { _id: 0, data: 1 })
      .lean<Pick<WeekSliceDocument, "data">[]>();
    return weeks.flatMap(({ data }) => (data ? readRepositoryMerges(data) : []));
  }
  const docs = await store.rollups
    .find({ ...scope, week }, { _id: 0, repoId: 1, merges: 1 })
    .lean<Pick<RollupDocument, "repoId" | "merges">[]>();
  return docs.flatMap(({ repoId, merges }) => (merges ? [{ repoId, pairs: decodeNumbers(merges) }] : []));
}
