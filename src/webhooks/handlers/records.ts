import { extractCheckRun, extractCheckSuite } from "../extract/checks.js";
import { extractComment } from "../extract/comment.js";
import { extractDeployment, extractDeploymentStatus } from "../extract/deployment.js";
import { extractReview } from "../extract/review.js";
import type { WebhookDeps } from "../deps.js";
import {
  addDeploymentStatus,
  deleteComment,
  saveCheckRun,
  saveCheckSuite,
  saveComment,
  saveDeployment,
  saveReview,
} from "../persist/records.js";
import type { CheckRunEvent, CheckSuiteEvent } from "../schemas/checks.js";
import type { IssueCommentEvent, ReviewCommentEvent } from "../schemas/comment.js";
import type { RepoEventPayload } from "../schemas/common.js";
import type { DeploymentEvent, DeploymentStatusEvent } from "../schemas/deployment.js";
import type { ReviewEvent } from "../schemas/review.js";
import type { EventContext } from "../validate.js";
import type { CommentRecord } from "../../records/types.js";
import { refreshPullRequests } from "./convert.js";
import { withTrackedRepository } from "./tracked-repository.js";

export async function handleReview(
  deps: WebhookDeps,
  payload: ReviewEvent,
  context: EventContext,
): Promise<void> {
  await withTrackedRepository(deps, payload, async (repository) => {
    const record = extractReview(payload);
    await saveReview(deps.store, record);
    await refreshPullRequests(deps, context, repository, [record.prNumber]);
  });
}

async function applyComment(deps: WebhookDeps, action: string, record: CommentRecord): Promise<void> {
  if (action === "deleted") await deleteComment(deps.store, record);
  else await saveComment(deps.store, record);
}

export async function handleIssueComment(
  deps: WebhookDeps,
  payload: IssueCommentEvent,
  context: EventContext,
): Promise<void> {
  if (!payload.issue.pull_request) return;
  await withTrackedRepository(deps, payload, async (repository) => {
    await applyComment(deps, payload.action, extractComment(payload, "issue", payload.issue.number));
    await refreshPullRequests(deps, context, repository, [payload.issue.number]);
  });
}

export async function handleReviewComment(
  deps: WebhookDeps,
  payload: ReviewCommentEvent,
  context: EventContext,
): Promise<void> {
  await withTrackedRepository(deps, payload, async (repository) => {
    const record = extractComment(payload, "review", payload.pull_request.number);
    await applyComment(deps, payload.action, record);
    await refreshPullRequests(deps, context, repository, [record.prNumber]);
  });
}

/** GitHub lists the PRs whose head the run's commit is; only those can change. */
export async function handleCheckRun(
  deps: WebhookDeps,
  payload: CheckRunEvent,
  context: EventContext,
): Promise<void> {
  await withTrackedRepository(deps, payload, async (repository) => {
    const record = extractCheckRun(payload);
    await saveCheckRun(deps.store, record);
    await refreshPullRequests(deps, context, repository, record.prNumbers);
  });
}

export async function handleCheckSuite(deps: WebhookDeps, payload: CheckSuiteEvent): Promise<void> {
  await withTrackedRepository(deps, payload, async () => {
    await saveCheckSuite(deps.store, extractCheckSuite(payload));
  });
}

export async function handleDeployment(deps: WebhookDeps, payload: DeploymentEvent): Promise<void> {
  await withTrackedRepository(deps, payload, async () => {
    await saveDeployment(deps.store, extractDeployment(payload));
  });
}

export async function handleDeploymentStatus(
  deps: WebhookDeps,
  payload: DeploymentStatusEvent,
): Promise<void> {
  await withTrackedRepository(deps, payload, () =>
    addDeploymentStatus(deps.store, extractDeployment(payload), extractDeploymentStatus(payload)),
  );
}

/** A rename or transfer: tracking the repository stores its name if newer, and carries it to its PRs. */
export async function handleRepositoryRenamed(deps: WebhookDeps, payload: RepoEventPayload): Promise<void> {
  await withTrackedRepository(deps, payload, async () => {});
}
