import { Schema, type Connection } from "mongoose";
import type { PullRequestMetricsResult } from "../../metrics/pull-request-metrics.js";
import type { ReviewerReviews } from "../../metrics/reviews.js";
import type { DraftHistory, PullRequestRecord } from "../../records/types.js";
import { ANY_CASE } from "./any-case.js";
import { actorSchema, recordOptions } from "./shared.js";

/**
 * Values computed from the PR and its related records (METRICS.md), stored so queries never recompute:
 * the metrics function's result, typed once there, plus what the convert step and the sync engine add.
 */
export type PullRequestDerived = Omit<PullRequestMetricsResult, "metrics"> & {
  readyAt: Date | null;
  /** true once commits, files, checks and comments have been fetched (the sync engine sets it). */
  dataComplete: boolean;
  /** Why a list may be short, e.g. GitHub's 250-commit cap. */
  dataNotes: string[];
  /** An open map, not PullRequestMetrics: a PR stored before a metric existed lacks its key. */
  metrics: Record<string, number | null>;
  /**
   * The weeks whose rollups counted this PR when it was last converted, so a PR that moves (a new
   * mergedAt) is taken out of its old week. Absent on PRs stored before rollups existed.
   */
  rollupWeeks?: Date[];
  /**
   * The earliest commit `authoredAt` (null: no commit, or none dated), where a change's lead time starts
   * (METRICS.md, DORA). Absent on PRs stored before it was derived.
   */
  firstCommitAt?: Date | null;
};

export type PullRequestDocument = PullRequestRecord & DraftHistory & PullRequestDerived;

const reviewerReviewsSchema = new Schema<ReviewerReviews>(
  {
    login: { type: String, required: true },
    count: { type: Number, required: true },
    key: { type: String, default: undefined },
  },
  { _id: false },
);

const pullRequestSchema = new Schema<PullRequestDocument>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    repo: { type: String, required: true },
    prId: { type: Number, required: true },
    number: { type: Number, required: true },
    nodeId: { type: String, default: null },
    title: { type: String, default: "" },
    body: { type: String, default: "" },
    truncated: { type: [String], default: [] },
    author: { type: actorSchema, required: true },
    state: { type: String, enum: ["open", "closed", "merged"], required: true },
    draft: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    mergedAt: { type: Date, default: null },
    headRef: { type: String, default: "" },
    headSha: { type: String, default: "" },
    baseRef: { type: String, default: "" },
    mergeCommitSha: { type: String, default: null },
    labels: { type: [String], default: [] },
    milestone: { type: String, default: null },
    assignees: { type: [String], default: [] },
    linkedIssues: { type: [String], default: [] },
    additions: { type: Number, default: null },
    deletions: { type: Number, default: null },
    changedFiles: { type: Number, default: null },
    openedAsDraft: { type: Boolean, default: null },
    firstReadyForReviewAt: { type: Date, default: null },
    readyAt: { type: Date, default: null },
    firstReviewAt: { type: Date, default: null },
    firstApprovalAt: { type: Date, default: null },
    reviewers: { type: [String], default: [] },
    reviewsByReviewer: { type: [reviewerReviewsSchema], default: [] },
    isRevert: { type: Boolean, default: false },
    isHotfix: { type: Boolean, default: false },
    aiAssisted: { type: Boolean, default: false },
    aiEvidence: { type: [String], default: [] },
    dataComplete: { type: Boolean, default: false },
    dataNotes: { type: [String], default: [] },
    metrics: { type: Schema.Types.Mixed, default: {} },
    rollupWeeks: { type: [Date], default: [] },
    firstCommitAt: { type: Date, default: undefined },
  },
  { ...recordOptions, collection: "pull_requests", minimize: false },
);
pullRequestSchema.index({ installationId: 1, repoId: 1, number: 1 }, { unique: true });
pullRequestSchema.index({ installationId: 1, prId: 1 });
pullRequestSchema.index({ installationId: 1, repo: 1, mergedAt: 1 });
pullRequestSchema.index({ installationId: 1, mergedAt: 1 });
// A repository's PRs merged or opened in a range: rollup rebuilds and partial weeks (src/query/metrics.ts).
pullRequestSchema.index({ installationId: 1, repoId: 1, mergedAt: 1 });
pullRequestSchema.index({ installationId: 1, repoId: 1, createdAt: 1 });
pullRequestSchema.index({ installationId: 1, createdAt: 1 });
pullRequestSchema.index({ installationId: 1, repo: 1, createdAt: 1 });
pullRequestSchema.index({ installationId: 1, "author.login": 1, mergedAt: 1 });
pullRequestSchema.index({ installationId: 1, state: 1, repo: 1 });
// The PR list (src/query/pull-requests.ts), newest first, read in windows of `createdAt` after an
// equality on each filter it offers (installation, repository: the two createdAt indexes above; state;
// author): the embedded server plans only an equality prefix plus one range. Ascending, and read with
// `$gte`/`$lt` only: there, an inclusive upper bound (`$lte`) on a field that more index fields follow
// misses the documents equal to it (SecantusDB 0.7.0b3).
pullRequestSchema.index({ installationId: 1, state: 1, createdAt: 1, prId: 1 });
pullRequestSchema.index({ installationId: 1, repoId: 1, state: 1, createdAt: 1, prId: 1 });
pullRequestSchema.index(
  { installationId: 1, "author.login": 1, createdAt: 1, prId: 1 },
  { collation: ANY_CASE, name: "list_by_author_any_case" },
);

export const pullRequestModel = (db: Connection) => db.model("PullRequest", pullRequestSchema);
