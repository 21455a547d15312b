import type {
  CheckRunRecord,
  CheckSuiteRecord,
  CommentRecord,
  DeploymentStatusRecord,
  ReviewRecord,
} from "../../records/types.js";
import { LIVE_COMMENTS } from "../../storage/models/comment.js";
import type { Store } from "../../storage/store.js";
import { writeDeployments } from "../../storage/write/deployments.js";
import type { DeploymentFields } from "../extract/deployment.js";
import { upsertIfNewer, upsertWithRetry, type WriteOutcome } from "./upsert-if-newer.js";

/** A dismissal is final on GitHub, so no delivery of the same review may turn it back. */
export function saveReview(store: Store, record: ReviewRecord): Promise<WriteOutcome> {
  const guard = record.state === "DISMISSED" ? {} : { state: { $ne: "DISMISSED" } };
  const key = { installationId: record.installationId, reviewId: record.reviewId };
  return upsertIfNewer(store.reviews, key, record, "submittedAt", guard);
}

const commentKey = (record: CommentRecord) => ({
  installationId: record.installationId,
  kind: record.kind,
  commentId: record.commentId,
});

/** The guard refuses a deleted comment's tombstone: an edit delivered after the deletion stays out. */
export function saveComment(store: Store, record: CommentRecord): Promise<WriteOutcome> {
  return upsertIfNewer(store.comments, commentKey(record), record, "updatedAt", LIVE_COMMENTS);
}

/** Leaves a tombstone (see the comment model), whatever version is stored: a deletion is final. */
export async function deleteComment(store: Store, record: CommentRecord): Promise<void> {
  await upsertWithRetry(() =>
    store.comments
      .updateOne(commentKey(record), { $set: { ...record, deletedAt: new Date() } }, { upsert: true })
      .exec(),
  );
}

export function saveCheckRun(store: Store, record: CheckRunRecord): Promise<WriteOutcome> {
  const key = { installationId: record.installationId, checkRunId: record.checkRunId };
  return upsertIfNewer(store.checkRuns, key, record, "completedAt");
}

export function saveCheckSuite(store: Store, record: CheckSuiteRecord): Promise<WriteOutcome> {
  const key = { installationId: record.installationId, checkSuiteId: record.checkSuiteId };
  return upsertIfNewer(store.checkSuites, key, record, "updatedAt");
}

/** Deployments follow the storage layer's one write policy, shared with the sync. */
export async function saveDeployment(store: Store, record: DeploymentFields): Promise<WriteOutcome> {
  const { inserted, updated } = await writeDeployments(store, [{ ...record, statuses: [] }]);
  return inserted + updated > 0 ? "written" : "stale";
}

/** The deployment as the status payload describes it (it may arrive before `deployment.created`). */
export async function addDeploymentStatus(
  store: Store,
  deployment: DeploymentFields,
  status: DeploymentStatusRecord,
): Promise<void> {
  await writeDeployments(store, [{ ...deployment, statuses: [status] }]);
}
