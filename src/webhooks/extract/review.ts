import type { ReviewRecord } from "../../records/types.js";
import type { ReviewEvent } from "../schemas/review.js";
import { toActor } from "./actor.js";

export function extractReview(payload: ReviewEvent): ReviewRecord {
  const { review } = payload;
  return {
    installationId: payload.installation.id,
    repoId: payload.repository.id,
    prNumber: payload.pull_request.number,
    reviewId: review.id,
    author: toActor(review.user),
    state: review.state,
    submittedAt: review.submitted_at,
    commitId: review.commit_id ?? null,
  };
}
