import { itemId } from "./ids.js";
import type { PullModel, ReviewModel, TimelineEventModel } from "./model.js";

type Unnumbered<T> = T extends unknown ? Omit<T, "id"> : never;

/**
 * The PR's timeline, oldest first: labels, review requests, draft changes, reviews, force pushes,
 * merge and close. (GitHub also lists commits and comments here; those have their own endpoints.)
 */
export function buildTimeline(pull: PullModel, reviews: ReviewModel[]): TimelineEventModel[] {
  const actor = pull.author;
  const events: Array<Unnumbered<TimelineEventModel>> = [];
  for (const label of pull.labels) events.push({ event: "labeled", actor, at: pull.createdAt, label });
  const requestedAt = pull.openedAsDraft ? (pull.draftEvents[0]?.at ?? null) : pull.createdAt;
  if (requestedAt !== null) {
    for (const reviewer of pull.reviewers) {
      events.push({ event: "review_requested", actor, at: requestedAt, reviewer });
    }
  }
  for (const change of pull.draftEvents) {
    events.push({
      event: change.kind === "ready" ? "ready_for_review" : "convert_to_draft",
      actor,
      at: change.at,
    });
  }
  for (const review of reviews) {
    events.push({ event: "reviewed", actor: review.author, at: review.submittedAt, review });
  }
  for (const at of pull.forcePushes) events.push({ event: "head_ref_force_pushed", actor, at });
  if (pull.mergedAt !== null && pull.mergeCommitSha !== null) {
    events.push({
      event: "merged",
      actor: pull.mergedBy ?? actor,
      at: pull.mergedAt,
      commitSha: pull.mergeCommitSha,
    });
  }
  if (pull.closedAt !== null)
    events.push({ event: "closed", actor: pull.mergedBy ?? actor, at: pull.closedAt });
  return events
    .map((event, order) => ({ event, order }))
    .sort((a, b) => a.event.at - b.event.at || a.order - b.order)
    .map(
      ({ event }, i) =>
        ({ ...event, id: itemId("timeline", pull.repoIndex, pull.number, i) }) as TimelineEventModel,
    );
}
