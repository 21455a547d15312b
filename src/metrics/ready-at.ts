/** What `readyAt` (METRICS.md) is derived from; the fields are stored on the PR. */
export interface ReadyAtInput {
  createdAt: Date;
  draft: boolean;
  /** null when neither an `opened` delivery nor the timeline told us. */
  openedAsDraft: boolean | null;
  firstReadyForReviewAt: Date | null;
}

/**
 * When the PR became ready for review: its creation, or its first `ready_for_review` when it was
 * opened as a draft. When we never learnt how it was opened, a PR that is not a draft now was either
 * never one (createdAt) or left draft at a time we may have seen.
 */
export function deriveReadyAt(input: ReadyAtInput): Date | null {
  if (input.openedAsDraft === false) return input.createdAt;
  if (input.openedAsDraft === true) return input.firstReadyForReviewAt;
  if (input.draft) return null;
  return input.firstReadyForReviewAt ?? input.createdAt;
}
