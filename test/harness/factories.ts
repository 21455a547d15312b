import type {
  Actor,
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  DeploymentRecord,
  PullRequestRecord,
  ReviewRecord,
} from "../../src/records/types.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";

/**
 * One set of record builders for every test: dull defaults (installation 1, repository 10
 * `acme/widgets`, PR #1, March 2026), overridden where a test cares. Ids come from one counter, so
 * records built in one test file never collide.
 */

export const at = (iso: string): Date => new Date(iso);

/** A stable GitHub id per login (any case, as GitHub compares logins): people are keyed by id. */
export function accountId(login: string): number {
  let hash = 2166136261;
  for (const char of login.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return (hash % 1_000_000_000) + 1;
}

export const human = (login: string): Actor => ({ login, id: accountId(login), type: "User" });
export const bot = (login: string): Actor => ({ login, id: accountId(login), type: "Bot" });

export const REPO = { installationId: 1, repoId: 10 };

let nextId = 1;

/** `updatedAt` follows `createdAt` unless given. */
export function pullRequestRecord(overrides: Partial<PullRequestRecord> = {}): PullRequestRecord {
  const createdAt = overrides.createdAt ?? at("2026-03-02T10:00:00Z");
  return {
    ...REPO,
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
    truncated: [],
    ...overrides,
  };
}

/** A stored PR as the sync engine leaves it: complete, ready when opened, nothing derived yet. */
export function pullRequestDocument(overrides: Partial<PullRequestDocument> = {}): PullRequestDocument {
  const record = pullRequestRecord(overrides);
  return {
    ...record,
    openedAsDraft: false,
    firstReadyForReviewAt: null,
    readyAt: record.createdAt,
    firstReviewAt: null,
    firstApprovalAt: null,
    reviewers: [],
    reviewsByReviewer: [],
    isRevert: false,
    isHotfix: false,
    aiAssisted: false,
    aiEvidence: [],
    dataComplete: true,
    dataNotes: [],
    metrics: {},
    ...overrides,
  };
}

export function reviewRecord(overrides: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    ...REPO,
    prNumber: 1,
    reviewId: nextId++,
    author: human("bob"),
    state: "APPROVED",
    submittedAt: at("2026-03-02T12:00:00Z"),
    commitId: null,
    ...overrides,
  };
}

export function commitRecord(overrides: Partial<CommitRecord> = {}): CommitRecord {
  return {
    ...REPO,
    prNumber: 1,
    sha: `sha${nextId++}`,
    message: "Change things",
    authorName: "Alice",
    authorEmail: "alice@example.com",
    authorLogin: "alice",
    authoredAt: at("2026-03-01T10:00:00Z"),
    committedAt: at("2026-03-01T10:00:00Z"),
    truncated: [],
    ...overrides,
  };
}

export function checkRunRecord(overrides: Partial<CheckRunRecord> = {}): CheckRunRecord {
  return {
    ...REPO,
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

/** `updatedAt` follows `createdAt` unless given. */
export function commentRecord(overrides: Partial<CommentRecord> = {}): CommentRecord {
  const createdAt = overrides.createdAt ?? at("2026-03-02T12:00:00Z");
  return {
    ...REPO,
    prNumber: 1,
    kind: "issue",
    commentId: nextId++,
    author: human("bob"),
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** `updatedAt` follows `createdAt` unless given; no statuses unless given. */
export function deploymentRecord(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  const createdAt = overrides.createdAt ?? at("2026-03-02T10:00:00Z");
  return {
    ...REPO,
    deploymentId: nextId++,
    environment: "production",
    sha: "abc",
    ref: "main",
    creator: null,
    createdAt,
    updatedAt: createdAt,
    statuses: [],
    ...overrides,
  };
}

/** A fresh id from the shared counter, for nested records such as deployment statuses. */
export const freshId = (): number => nextId++;
