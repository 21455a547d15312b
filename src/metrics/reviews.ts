import type { AccountKey, ReviewRecord } from "../records/types.js";
import { accountKey, restLogin, type NamedAccount } from "./accounts.js";
import { isReviewer } from "./people.js";
import { earliest } from "./arithmetic.js";

/**
 * Review figures (METRICS.md). A review counts when a reviewer (a human other than the author)
 * submitted it: PENDING never counts, nor a review without `submittedAt`. DISMISSED counts as a
 * submitted review (firstReviewAt, reviewCount), but not as an approval: GitHub replaces the state of a
 * dismissed approval, so only reviews still APPROVED are approvals.
 */
export interface ReviewFigures {
  firstReviewAt: Date | null;
  firstApprovalAt: Date | null;
  reviewCount: number;
  reviewersCount: number;
  approvalsCount: number;
  changesRequestedCount: number;
}

/** One reviewer of a PR (shown by their REST login) and how many reviews they submitted on it. */
export interface ReviewerReviews {
  login: string;
  count: number;
  /** Absent on PRs stored before reviewers were keyed by account (`mergelens recompute` adds it). */
  key?: AccountKey;
}

type SubmittedReview = ReviewRecord & { submittedAt: Date };

/** The reviews that count (see above), for every review figure alike. */
function countedReviews(
  reviews: readonly ReviewRecord[],
  prAuthor: NamedAccount,
  extraBots: readonly string[],
): SubmittedReview[] {
  return reviews.filter(
    (review): review is SubmittedReview =>
      review.state !== "PENDING" &&
      review.submittedAt !== null &&
      isReviewer(review.author, prAuthor, extraBots),
  );
}

export function reviewFigures(
  reviews: readonly ReviewRecord[],
  prAuthor: NamedAccount,
  extraBots: readonly string[],
): ReviewFigures {
  const counted = countedReviews(reviews, prAuthor, extraBots);
  const approvals = counted.filter((review) => review.state === "APPROVED");
  return {
    firstReviewAt: earliest(counted.map((review) => review.submittedAt)),
    firstApprovalAt: earliest(approvals.map((review) => review.submittedAt)),
    reviewCount: counted.length,
    reviewersCount: new Set(counted.map((review) => accountKey(review.author))).size,
    approvalsCount: approvals.length,
    changesRequestedCount: counted.filter((review) => review.state === "CHANGES_REQUESTED").length,
  };
}

/**
 * Each distinct reviewer (one account, however an API spelled it) with their counted reviews. The order
 * is stable whatever order the records come in: by each reviewer's first review, then by login; a
 * reviewer is shown by the REST login of their first review.
 */
export function reviewersOf(
  reviews: readonly ReviewRecord[],
  prAuthor: NamedAccount,
  extraBots: readonly string[],
): ReviewerReviews[] {
  const byTime = countedReviews(reviews, prAuthor, extraBots).sort(
    (a, b) =>
      a.submittedAt.getTime() - b.submittedAt.getTime() || a.author.login.localeCompare(b.author.login, "en"),
  );
  const reviewers = new Map<string, ReviewerReviews>();
  for (const review of byTime) {
    const key = accountKey(review.author);
    const reviewer = reviewers.get(key) ?? { login: restLogin(review.author), count: 0, key };
    reviewer.count += 1;
    reviewers.set(key, reviewer);
  }
  return [...reviewers.values()];
}
