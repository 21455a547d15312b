import type {
  Actor,
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  DeploymentRecord,
  PullRequestRecord,
  ReviewRecord,
  ReviewState,
} from "../../src/records/types.js";
import type { AggregatablePullRequest } from "../../src/metrics/aggregate.js";

/** Small builders for metric tests: every record with dull defaults, overridden where a test cares. */

export const at = (iso: string): Date => new Date(iso);

export const human = (login: string): Actor => ({ login, id: 1, type: "User" });
export const bot = (login: string): Actor => ({ login, id: 2, type: "Bot" });

const ids = { installationId: 1, repoId: 10 };

export function pullRequest(
  overrides: Partial<PullRequestRecord & { readyAt: Date | null }> = {},
): PullRequestRecord & { readyAt: Date | null } {
  const createdAt = overrides.createdAt ?? at("2026-03-02T10:00:00Z");
  return {
    ...ids,
    repo: "acme/widgets",
    prId: 100,
    number: 1,
    nodeId: null,
    title: "Add widgets",
    body: "",
    author: human("alice"),
    state: "open",
    draft: false,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    mergedAt: null,
    headRef: "feature/widgets",
    headSha: "head",
    baseRef: "main",
    mergeCommitSha: null,
    labels: [],
    milestone: null,
    assignees: [],
    linkedIssues: [],
    additions: 10,
    deletions: 2,
    changedFiles: 3,
    readyAt: createdAt,
    ...overrides,
  };
}

let nextId = 1;

export function review(login: Actor | string, state: ReviewState, submittedAt: string | null): ReviewRecord {
  return {
    ...ids,
    prNumber: 1,
    reviewId: nextId++,
    author: typeof login === "string" ? human(login) : login,
    state,
    submittedAt: submittedAt === null ? null : at(submittedAt),
    commitId: null,
  };
}

export function commit(overrides: Partial<CommitRecord> = {}): CommitRecord {
  return {
    ...ids,
    prNumber: 1,
    sha: `sha${nextId++}`,
    message: "Change things",
    authorName: "Alice",
    authorEmail: "alice@example.com",
    authorLogin: "alice",
    authoredAt: at("2026-03-01T10:00:00Z"),
    committedAt: at("2026-03-01T10:00:00Z"),
    ...overrides,
  };
}

export function checkRun(overrides: Partial<CheckRunRecord> = {}): CheckRunRecord {
  return {
    ...ids,
    checkRunId: nextId++,
    checkSuiteId: null,
    name: "build",
    headSha: "head",
    status: "completed",
    conclusion: "success",
    startedAt: at("2026-03-02T10:00:00Z"),
    completedAt: at("2026-03-02T10:05:00Z"),
    appSlug: "github-actions",
    prNumbers: [1],
    ...overrides,
  };
}

export function comment(kind: CommentRecord["kind"], author: Actor): CommentRecord {
  const createdAt = at("2026-03-02T12:00:00Z");
  return { ...ids, prNumber: 1, kind, commentId: nextId++, author, createdAt, updatedAt: createdAt };
}

export function deployment(
  createdAt: string,
  final: string | null,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const created = at(createdAt);
  return {
    ...ids,
    deploymentId: nextId++,
    environment: "production",
    sha: "abc",
    ref: "main",
    creator: null,
    createdAt: created,
    updatedAt: created,
    statuses: final === null ? [] : [{ statusId: nextId++, state: final, createdAt: created }],
    ...overrides,
  };
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
    metrics: {},
    ...overrides,
  };
}
