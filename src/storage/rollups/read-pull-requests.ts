import type { AggregatablePullRequest } from "../../metrics/aggregate.js";
import type { CountedPullRequest } from "../../metrics/week-counts.js";
import type { TimeRange } from "../../metrics/week.js";
import type { Store } from "../store.js";

/** The fields aggregates and rollups read: a tenth of a PR document. */
const AGGREGATE_FIELDS = {
  _id: 1,
  repo: 1,
  author: 1,
  createdAt: 1,
  mergedAt: 1,
  firstReviewAt: 1,
  isRevert: 1,
  isHotfix: 1,
  aiAssisted: 1,
  metrics: 1,
  reviewers: 1,
  reviewsByReviewer: 1,
  firstCommitAt: 1,
  additions: 1,
  deletions: 1,
  state: 1,
  draft: 1,
} as const;

/** What a rollup is built from: a PR's aggregated fields, and what its week's counts need. */
export type RolledPullRequest = AggregatablePullRequest & CountedPullRequest;

export type { TimeRange } from "../../metrics/week.js";

/** One installation, or one of its repositories: an equality prefix of the PR indexes. */
export interface PullRequestScope {
  installationId: number;
  repoId?: number;
}

type Found = RolledPullRequest & { _id: { toString(): string } };

/**
 * The PRs merged or opened in any of the ranges, each once: two queries per range, each an equality
 * prefix and one range on `{installationId[, repoId], mergedAt|createdAt}` (an `$or` would scan every
 * PR on the embedded server, STACK.md).
 */
export async function readPullRequestsInRanges(
  store: Store,
  scope: PullRequestScope,
  ranges: readonly TimeRange[],
): Promise<RolledPullRequest[]> {
  const queries = ranges.flatMap(({ since, until }) =>
    (["mergedAt", "createdAt"] as const).map((field) =>
      store.pullRequests
        .find({ ...scope, [field]: { $gte: since, $lt: until } }, AGGREGATE_FIELDS)
        .lean<Found[]>()
        .exec(),
    ),
  );
  const unique = new Map<string, RolledPullRequest>();
  for (const found of await Promise.all(queries)) {
    for (const { _id, ...pr } of found) unique.set(_id.toString(), pr);
  }
  return [...unique.values()];
}
