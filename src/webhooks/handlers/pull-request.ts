import { extractPullRequest } from "../extract/pull-request.js";
import type { WebhookDeps } from "../deps.js";
import { savePullRequest, type DraftSignal } from "../persist/pull-requests.js";
import type { PullRequestEvent } from "../schemas/pull-request.js";
import type { EventContext } from "../validate.js";
import { refreshPullRequests } from "./convert.js";
import { needsCompletion } from "../needs-completion.js";
import { requestCompletion, runHook } from "./run-hook.js";
import { withTrackedRepository } from "./tracked-repository.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.edited",
  "pull_request.reopened",
  "pull_request.closed",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.assigned",
  "pull_request.unassigned",
  "pull_request.milestoned",
  "pull_request.demilestoned",
  "pull_request.review_requested",
] as const;

function draftSignal(payload: PullRequestEvent): DraftSignal {
  const pr = payload.pull_request;
  if (payload.action === "opened") return { openedAsDraft: pr.draft ?? false };
  // GitHub bumps `updated_at` when the PR leaves draft: the delivery's own event time.
  if (payload.action === "ready_for_review") return { readyForReviewAt: pr.updated_at };
  return {};
}

export async function handlePullRequest(
  deps: WebhookDeps,
  payload: PullRequestEvent,
  context: EventContext,
): Promise<void> {
  await withTrackedRepository(deps, payload, async (repository) => {
    const record = { ...extractPullRequest(payload), repo: repository.fullName };
    await savePullRequest(deps.store, record, draftSignal(payload));
    await refreshPullRequests(deps, context, repository, [record.number]);
    await requestCompletion(deps, context.id, needsCompletion("pull_request", payload.action, payload));
    if (payload.action !== "closed" || record.state !== "merged") return;

    const ref = {
      installationId: record.installationId,
      repoId: record.repoId,
      repo: record.repo,
      number: record.number,
    };
    await runHook(
      deps,
      { deliveryId: context.id, event: "pull_request.closed", hook: "onPullRequestMerged", ...ref },
      () => deps.onPullRequestMerged(ref),
    );
  });
}
