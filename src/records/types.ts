import type { TruncatedField } from "./bounded-text.js";

/**
 * The typed records mergelens keeps: what webhooks and sync jobs extract from GitHub, what storage
 * persists, and what the metric functions read. Plain data, no I/O; GitHub's ids are the keys.
 */

/** A repository of an installation: the key every per-repository record and job carries. */
export interface RepositoryKey {
  installationId: number;
  repoId: number;
}

/** A pull request of a repository. */
export interface PullRequestKey extends RepositoryKey {
  number: number;
}

/** A pull request with its repository's `owner/name`: what jobs and hooks hand around. */
export interface PullRequestRef extends PullRequestKey {
  repo: string;
}

/**
 * An open PR whose stored lists may be stale: one PR by number, or every open PR whose head is a branch
 * that was force-pushed (a push names the branch, not the PR).
 */
export type CompletionTarget =
  | (PullRequestRef & { headRef?: undefined })
  | (RepositoryKey & { repo: string; headRef: string; number?: undefined });

export interface Actor {
  login: string;
  id: number | null;
  /** GitHub's account `type` ("User", "Bot", "Organization", "Mannequin"), when known. */
  type: string | null;
}

/**
 * One GitHub account, whichever API named it (REST `name[bot]`, GraphQL `name`, the Copilot agent's
 * `Copilot` and app slug): `id:<GitHub's numeric id>`, or `login:<lower-case REST login>` when no id
 * is known (a deleted account, a record stored before ids were kept).
 */
export type AccountKey = `id:${number}` | `login:${string}`;

export interface InstallationRecord {
  installationId: number;
  account: { id: number; login: string; type: string };
  repositorySelection: "all" | "selected";
  suspendedAt: Date | null;
  permissions: Record<string, string>;
  events: string[];
}

export type SyncStatus = "pending" | "syncing" | "complete" | "error";

export interface RepositoryRecord {
  installationId: number;
  repoId: number;
  /** `owner/name`. */
  fullName: string;
  private: boolean;
  /**
   * How new `fullName` and `private` are: GitHub's `updated_at` of the repository in the payload that
   * set them (a rename moves it), or when the sync read GitHub's list. null: undated.
   */
  nameVersion: Date | null;
  syncStatus: SyncStatus;
  lastSyncAt: Date | null;
  lastSyncError: string | null;
}

export type PullRequestState = "open" | "closed" | "merged";

/** What the webhook or a sync page tells us about a pull request itself (no derived metrics). */
export interface PullRequestRecord {
  installationId: number;
  repoId: number;
  repo: string;
  prId: number;
  number: number;
  nodeId: string | null;
  title: string;
  body: string;
  author: Actor;
  state: PullRequestState;
  draft: boolean;
  createdAt: Date;
  /** GitHub's `updated_at`: orders deliveries, so an older payload never overwrites a newer one. */
  updatedAt: Date;
  closedAt: Date | null;
  mergedAt: Date | null;
  headRef: string;
  headSha: string;
  baseRef: string;
  mergeCommitSha: string | null;
  labels: string[];
  milestone: string | null;
  assignees: string[];
  /** `owner/name#number` for each issue the body says it closes. */
  linkedIssues: string[];
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  /** Fields cut to their bound (`TEXT_LIMITS`): the stored text is their beginning. */
  truncated: TruncatedField[];
}

/** When a PR left draft, as far as we know it; `readyAt` is derived from this (see metrics). */
export interface DraftHistory {
  /** true/false once an `opened` delivery or the timeline told us; null when we never saw either. */
  openedAsDraft: boolean | null;
  firstReadyForReviewAt: Date | null;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewRecord {
  installationId: number;
  repoId: number;
  prNumber: number;
  reviewId: number;
  author: Actor;
  state: ReviewState;
  submittedAt: Date | null;
  commitId: string | null;
}

export interface CommitRecord {
  installationId: number;
  repoId: number;
  prNumber: number;
  sha: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  authorLogin: string | null;
  authoredAt: Date | null;
  committedAt: Date | null;
  /** `["message"]` when the message was cut to its bound. */
  truncated: TruncatedField[];
}

export interface ChangedFileRecord {
  installationId: number;
  repoId: number;
  prNumber: number;
  filename: string;
  status: string;
  additions: number;
  deletions: number;
}

export interface CheckRunRecord {
  installationId: number;
  repoId: number;
  checkRunId: number;
  checkSuiteId: number | null;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  appSlug: string | null;
  prNumbers: number[];
}

export interface CheckSuiteRecord {
  installationId: number;
  repoId: number;
  checkSuiteId: number;
  headSha: string;
  headBranch: string | null;
  status: string | null;
  conclusion: string | null;
  appSlug: string | null;
  prNumbers: number[];
  updatedAt: Date;
}

export type CommentKind = "issue" | "review";

export interface CommentRecord {
  installationId: number;
  repoId: number;
  prNumber: number;
  kind: CommentKind;
  commentId: number;
  author: Actor;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeploymentStatusRecord {
  /** GitHub's database id: webhooks carry it, GraphQL has none for a status (null). */
  statusId: number | null;
  state: string;
  createdAt: Date;
}

export interface DeploymentRecord {
  installationId: number;
  repoId: number;
  deploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  creator: Actor | null;
  createdAt: Date;
  updatedAt: Date;
  statuses: DeploymentStatusRecord[];
}

/** What a webhook knows about a repository (undated without `nameVersion`); sync state is the sync's. */
export type RepositoryFields = Pick<RepositoryRecord, "installationId" | "repoId" | "fullName" | "private"> &
  Partial<Pick<RepositoryRecord, "nameVersion">>;

/** A deployment without its statuses: those arrive one by one and are appended. */
export type DeploymentFields = Omit<DeploymentRecord, "statuses">;
