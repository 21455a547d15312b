import type { Actor, ReviewRecord } from "../records/types.js";
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

type SubmittedReview = ReviewRecord & { submittedAt: Date };

export function reviewFigures(
  reviews: readonly ReviewRecord[],
  prAuthor: Pick<Actor, "login">,
  extraBots: readonly string[],
): ReviewFigures {
  const counted = reviews.filter(
    (review): review is SubmittedReview =>
      review.state !== "PENDING" &&
      review.submittedAt !== null &&
      isReviewer(review.author, prAuthor, extraBots),
  );
  const approvals = counted.filter((review) => review.state === "APPROVED");
  return {
    firstReviewAt: earliest(counted.map((review) => review.submittedAt)),
    firstApprovalAt: earliest(approvals.map((review) => review.submittedAt)),
    reviewCount: counted.length,
    reviewersCount: new Set(counted.map((review) => review.author.login.toLowerCase())).size,
    approvalsCount: approvals.length,
    changesRequestedCount: counted.filter((review) => review.state === "CHANGES_REQUESTED").length,
  };
}
