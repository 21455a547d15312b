/** The simulated organisation's data, in plain values; times are epoch milliseconds. */

export interface Account {
  login: string;
  id: number;
  type: "User" | "Bot";
  /** The git author name used in commits. */
  name: string;
  /** The app slug GraphQL names a bot by, when it is not the REST login without `[bot]` (Copilot). */
  graphqlLogin?: string;
}

export interface RepoModel {
  index: number;
  id: number;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  language: string;
  description: string;
  createdAt: number;
  /** Contents of `.github/mergelens.yml`, or null when the repository has none. */
  config: string | null;
}

export type PullKind = "feature" | "fix" | "dependency" | "revert" | "hotfix" | "agent" | "release";

/** A pull request's own fields and the sizes of its lists; the lists themselves are derived on demand. */
export interface PullModel {
  repo: string;
  repoIndex: number;
  number: number;
  id: number;
  kind: PullKind;
  title: string;
  body: string;
  author: Account;
  /** Humans (and review bots) who review it, in the order they first show up. */
  reviewers: Account[];
  assignees: Account[];
  labels: string[];
  milestone: string | null;
  /** Issue numbers in the org's planning repository that the body says it closes. */
  closingIssues: number[];
  headRef: string;
  baseRef: string;
  baseSha: string;
  headSha: string;
  /** Bumped by each force push: the commits and check runs are derived from it. */
  headVersion: number;
  /** When the head commit was committed. */
  headAt: number;
  forcePushes: number[];
  draft: boolean;
  /** ready_for_review / convert_to_draft, in order; the first entry is a ready when opened as a draft. */
  draftEvents: Array<{ kind: "ready" | "draft"; at: number }>;
  openedAsDraft: boolean;
  /** The earliest moment a reviewer looks at it (reviews are placed from here on). */
  reviewStart: number;
  /** AI trailer style used in some commits, if any. */
  aiTrailer: "claude" | "copilot" | "claude-code" | null;
  createdAt: number;
  updatedAt: number;
  /** The end of the generated activity: reviews and comments fall before it; mutations leave it alone. */
  settledAt: number;
  closedAt: number | null;
  mergedAt: number | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  commits: number;
  files: number;
  additions: number;
  deletions: number;
  comments: number;
  reviewComments: number;
  reviews: number;
}

export interface CommitModel {
  sha: string;
  message: string;
  author: Account;
  authoredAt: number;
  committedAt: number;
  parents: string[];
  additions: number;
  deletions: number;
}

export interface FileModel {
  sha: string;
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  previousFilename: string | null;
  additions: number;
  deletions: number;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface ReviewModel {
  id: number;
  author: Account;
  state: ReviewState;
  body: string;
  submittedAt: number;
  commitSha: string;
}

export interface IssueCommentModel {
  id: number;
  author: Account;
  body: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReviewCommentModel extends IssueCommentModel {
  reviewId: number;
  path: string;
  line: number;
  commitSha: string;
  inReplyTo: number | null;
}

export interface CheckRunModel {
  id: number;
  suiteId: number;
  app: { id: number; slug: string; name: string };
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion:
    "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "startup_failure" | null;
  startedAt: number;
  completedAt: number | null;
}

export type TimelineEventModel =
  | { event: "ready_for_review" | "convert_to_draft"; id: number; actor: Account; at: number }
  | { event: "labeled"; id: number; actor: Account; at: number; label: string }
  | { event: "review_requested"; id: number; actor: Account; at: number; reviewer: Account }
  | { event: "reviewed"; id: number; actor: Account; at: number; review: ReviewModel }
  | { event: "head_ref_force_pushed"; id: number; actor: Account; at: number }
  | { event: "merged"; id: number; actor: Account; at: number; commitSha: string }
  | { event: "closed"; id: number; actor: Account; at: number };

export interface DeploymentStatusModel {
  id: number;
  state: "queued" | "in_progress" | "success" | "failure" | "error";
  createdAt: number;
}

export interface DeploymentModel {
  id: number;
  sha: string;
  ref: string;
  environment: "production" | "staging";
  creator: Account;
  createdAt: number;
  /** Oldest first. */
  statuses: DeploymentStatusModel[];
}
