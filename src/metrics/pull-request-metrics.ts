import type {
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  PullRequestRecord,
  ReviewRecord,
} from "../records/types.js";
import { clampedHoursBetween, earliest, hoursBetween } from "./arithmetic.js";
import { checkRunFigures } from "./check-runs.js";
import { detectAi } from "./detect-ai.js";
import { isHotfix } from "./detect-hotfix.js";
import { isRevert } from "./detect-revert.js";
import { isHuman } from "./people.js";
import type { RepoConfig } from "./repo-config.js";
import { reviewersOf, reviewFigures, type ReviewerReviews } from "./reviews.js";

/**
 * Every per-PR value of METRICS.md as one pure function of the stored records. Decisions where
 * METRICS.md leaves room:
 * - pickupTimeHours is null while the PR is a draft (readyAt null) or has no review; a review submitted
 *   before readyAt (on the draft) still sets firstReviewAt, and pickup clamps to 0.
 * - reviewTimeHours and cycleTimeHours are null unless merged; a closed, unmerged PR has no cycle time.
 * - No stored commits means they have not been fetched yet (GitHub has no PR without commits), so
 *   commitsCount, commitsAfterFirstReview and codingTimeHours are null rather than 0. Zero reviews,
 *   comments or check runs are real zeros.
 * - Commits without `authoredAt` / `committedAt` are left out of the figure needing that time.
 */
export interface PullRequestMetricsInput {
  pr: PullRequestRecord & { readyAt: Date | null };
  reviews: readonly ReviewRecord[];
  commits: readonly CommitRecord[];
  checkRuns: readonly CheckRunRecord[];
  comments: readonly CommentRecord[];
  config: RepoConfig;
}

/** A type alias, not an interface, so it fits PullRequestDerived's `Record<string, number | null>`. */
export type PullRequestMetrics = {
  codingTimeHours: number | null;
  pickupTimeHours: number | null;
  reviewTimeHours: number | null;
  cycleTimeHours: number | null;
  reviewCount: number;
  reviewersCount: number;
  approvalsCount: number;
  changesRequestedCount: number;
  commitsCount: number | null;
  commitsAfterFirstReview: number | null;
  issueCommentsCount: number;
  reviewCommentsCount: number;
  checkRunsCount: number;
  checkRunsFailed: number;
  ciDurationSeconds: number | null;
  ciWallSeconds: number | null;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
};

export interface PullRequestMetricsResult {
  firstReviewAt: Date | null;
  firstApprovalAt: Date | null;
  /** Distinct reviewer logins, in the order of reviewersOf: what reviewer grouping reads. */
  reviewers: string[];
  /** The same reviewers with their review counts, for per-reviewer review totals. */
  reviewsByReviewer: ReviewerReviews[];
  isRevert: boolean;
  isHotfix: boolean;
  aiAssisted: boolean;
  aiEvidence: string[];
  metrics: PullRequestMetrics;
}

function commitsAfter(commits: readonly CommitRecord[], since: Date | null): number | null {
  if (since === null || commits.length === 0) return null;
  return commits.filter((commit) => commit.committedAt && commit.committedAt.getTime() > since.getTime())
    .length;
}

export function computePullRequestMetrics(input: PullRequestMetricsInput): PullRequestMetricsResult {
  const { pr, commits, config } = input;
  const reviews = reviewFigures(input.reviews, pr.author, config.bots);
  const reviewsByReviewer = reviewersOf(input.reviews, pr.author, config.bots);
  const humanComments = input.comments.filter((comment) => isHuman(comment.author, config.bots));
  const firstCommitAt = earliest(commits.map((commit) => commit.authoredAt));
  const { firstReviewAt, firstApprovalAt, ...reviewCounts } = reviews;
  return {
    firstReviewAt,
    firstApprovalAt,
    reviewers: reviewsByReviewer.map((reviewer) => reviewer.login),
    reviewsByReviewer,
    isRevert: isRevert(pr),
    isHotfix: isHotfix(pr),
    ...detectAi(pr, commits, config.ai),
    metrics: {
      codingTimeHours: clampedHoursBetween(firstCommitAt, pr.createdAt),
      pickupTimeHours: clampedHoursBetween(pr.readyAt, firstReviewAt),
      reviewTimeHours: clampedHoursBetween(firstReviewAt, pr.mergedAt),
      cycleTimeHours: hoursBetween(pr.createdAt, pr.mergedAt),
      ...reviewCounts,
      commitsCount: commits.length === 0 ? null : commits.length,
      commitsAfterFirstReview: commitsAfter(commits, firstReviewAt),
      issueCommentsCount: humanComments.filter((comment) => comment.kind === "issue").length,
      reviewCommentsCount: humanComments.filter((comment) => comment.kind === "review").length,
      ...checkRunFigures(input.checkRuns, pr.headSha),
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changedFiles,
    },
  };
}
