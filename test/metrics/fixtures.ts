import type { AggregatablePullRequest } from "../../src/metrics/aggregate.js";
import type {
  Actor,
  CommentRecord,
  DeploymentRecord,
  PullRequestRecord,
  ReviewRecord,
  ReviewState,
} from "../../src/records/types.js";
import {
  at,
  checkRunRecord,
  commentRecord,
  commitRecord,
  deploymentRecord,
  freshId,
  human,
  pullRequestRecord,
  reviewRecord,
} from "../harness/factories.js";

/** Metric tests' shorthands over the shared builders of test/harness/factories.ts. */

export { at, bot, human } from "../harness/factories.js";

export function pullRequest(
  overrides: Partial<PullRequestRecord & { readyAt: Date | null }> = {},
): PullRequestRecord & { readyAt: Date | null } {
  const { readyAt, ...record } = overrides;
  const pr = pullRequestRecord(record);
  return { ...pr, readyAt: readyAt === undefined ? pr.createdAt : readyAt };
}

export function review(login: Actor | string, state: ReviewState, submittedAt: string | null): ReviewRecord {
  return reviewRecord({
    author: typeof login === "string" ? human(login) : login,
    state,
    submittedAt: submittedAt === null ? null : at(submittedAt),
  });
}

export const commit = commitRecord;
export const checkRun = checkRunRecord;

export const comment = (kind: CommentRecord["kind"], author: Actor): CommentRecord =>
  commentRecord({ kind, author });

export function deployment(
  createdAt: string,
  final: string | null,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const created = at(createdAt);
  const statuses = final === null ? [] : [{ statusId: freshId(), state: final, createdAt: created }];
  return deploymentRecord({ createdAt: created, statuses, ...overrides });
}

/** A stored PR as aggregates read it; merged and unreviewed unless told otherwise. */
export function storedPr(
  createdAt: string,
  mergedAt: string | null,
  overrides: Partial<Omit<AggregatablePullRequest, "createdAt" | "mergedAt">> = {},
): AggregatablePullRequest {
  return {
    repo: "acme/widgets",
    author: human("alice"),
    createdAt: at(createdAt),
    mergedAt: mergedAt === null ? null : at(mergedAt),
    firstReviewAt: null,
    isRevert: false,
    isHotfix: false,
    aiAssisted: false,
    additions: 10,
    deletions: 2,
    metrics: {},
    ...overrides,
  };
}
