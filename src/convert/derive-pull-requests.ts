import { earliest } from "../metrics/arithmetic.js";
import { computePullRequestMetrics } from "../metrics/pull-request-metrics.js";
import { deriveReadyAt } from "../metrics/ready-at.js";
import type { RepoConfig } from "../metrics/repo-config.js";
import type { DraftHistory, PullRequestRecord } from "../records/types.js";
import { isLiveComment } from "../storage/models/comment.js";
import type { PullRequestDerived } from "../storage/models/pull-request.js";
import type { Store } from "../storage/store.js";

/** What the convert step writes: the derived fields only, never webhook- or sync-owned ones. */
export type ConvertedFields = Omit<PullRequestDerived, "dataComplete" | "dataNotes" | "rollupWeeks"> & {
  firstCommitAt: Date | null;
};

export type StoredPullRequest = PullRequestRecord & DraftHistory;

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * The derived fields of PRs of one repository, from their stored records: one query per kind of
 * record for the whole batch. Check runs count when they ran on the PR's stored head sha.
 */
export async function derivePullRequests(
  store: Store,
  repo: { installationId: number; repoId: number },
  prs: readonly StoredPullRequest[],
  config: RepoConfig,
): Promise<ConvertedFields[]> {
  const scope = { installationId: repo.installationId, repoId: repo.repoId };
  const byNumber = { ...scope, prNumber: { $in: prs.map((pr) => pr.number) } };
  const [reviews, commits, comments, checkRuns] = await Promise.all([
    store.reviews.find(byNumber).lean(),
    store.commits.find(byNumber).lean(),
    store.comments
      .find(byNumber)
      .lean()
      .then((found) => found.filter(isLiveComment)),
    store.checkRuns.find({ ...scope, headSha: { $in: [...new Set(prs.map((pr) => pr.headSha))] } }).lean(),
  ]);
  const reviewsOf = groupBy(reviews, (review) => review.prNumber);
  const commitsOf = groupBy(commits, (commit) => commit.prNumber);
  const commentsOf = groupBy(comments, (comment) => comment.prNumber);
  const runsOn = groupBy(checkRuns, (run) => run.headSha);

  return prs.map((pr) => {
    const readyAt = deriveReadyAt(pr);
    const result = computePullRequestMetrics({
      pr: { ...pr, readyAt },
      reviews: reviewsOf.get(pr.number) ?? [],
      commits: commitsOf.get(pr.number) ?? [],
      comments: commentsOf.get(pr.number) ?? [],
      checkRuns: runsOn.get(pr.headSha) ?? [],
      config,
    });
    const firstCommitAt = earliest((commitsOf.get(pr.number) ?? []).map((commit) => commit.authoredAt));
    return { readyAt, firstCommitAt, ...result };
  });
}
