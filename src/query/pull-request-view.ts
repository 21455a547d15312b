import type { PullRequestMetrics } from "../metrics/pull-request-metrics.js";
import { restLogin } from "../metrics/accounts.js";
import { isBot } from "../metrics/people.js";
import type { TruncatedField } from "../records/bounded-text.js";
import type { PullRequestDocument } from "../storage/models/pull-request.js";

/**
 * CONTRACT.md's `PR`: the one shape the API, the CLI and the dashboard show. Times become ISO 8601 UTC
 * strings; `metrics` always carries every per-PR metric name (null until computed), so CSV columns and
 * clients never depend on which PRs happen to be on a page.
 */

const METRIC_NAMES = [
  "codingTimeHours",
  "pickupTimeHours",
  "reviewTimeHours",
  "cycleTimeHours",
  "reviewCount",
  "reviewersCount",
  "approvalsCount",
  "changesRequestedCount",
  "commitsCount",
  "commitsAfterFirstReview",
  "issueCommentsCount",
  "reviewCommentsCount",
  "checkRunsCount",
  "checkRunsFailed",
  "ciDurationSeconds",
  "ciWallSeconds",
  "additions",
  "deletions",
  "changedFiles",
] as const satisfies readonly (keyof PullRequestMetrics)[];

type MetricName = (typeof METRIC_NAMES)[number];
// Fails to compile when the metrics gain a name this list lacks.
const everyMetricListed: [Exclude<keyof PullRequestMetrics, MetricName>] extends [never] ? true : never =
  true;
void everyMetricListed;

export interface ApiPullRequest {
  repo: string;
  number: number;
  title: string;
  author: { login: string; isBot: boolean };
  state: PullRequestDocument["state"];
  draft: boolean;
  createdAt: string;
  readyAt: string | null;
  mergedAt: string | null;
  closedAt: string | null;
  headRef: string;
  baseRef: string;
  labels: string[];
  milestone: string | null;
  assignees: string[];
  linkedIssues: string[];
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  firstReviewAt: string | null;
  firstApprovalAt: string | null;
  isRevert: boolean;
  isHotfix: boolean;
  aiAssisted: boolean;
  aiEvidence: string[];
  dataComplete: boolean;
  metrics: Record<MetricName, number | null>;
  /** Distinct reviewers (humans other than the author) who submitted a review, by first review. */
  reviewers: string[];
  /** Fields stored cut to their bound (e.g. `["title"]`): the text shown is their beginning. */
  truncated: TruncatedField[];
}

/** The stored fields the view reads: the projection of every PR query. */
const PULL_REQUEST_VIEW_FIELDS = [
  "repo",
  "repoId",
  "number",
  "prId",
  "title",
  "author",
  "state",
  "draft",
  "createdAt",
  "readyAt",
  "mergedAt",
  "closedAt",
  "headRef",
  "baseRef",
  "labels",
  "milestone",
  "assignees",
  "linkedIssues",
  "additions",
  "deletions",
  "changedFiles",
  "firstReviewAt",
  "firstApprovalAt",
  "isRevert",
  "isHotfix",
  "aiAssisted",
  "aiEvidence",
  "dataComplete",
  "metrics",
  // Last, so CSV columns added after the contract's keep the earlier columns' positions.
  "reviewers",
  "truncated",
] as const satisfies readonly (keyof PullRequestDocument)[];

export type PullRequestView = Pick<PullRequestDocument, (typeof PULL_REQUEST_VIEW_FIELDS)[number]>;

export const viewProjection = Object.fromEntries([
  ...PULL_REQUEST_VIEW_FIELDS.map((field) => [field, 1]),
  ["_id", 0],
] as const);

/** The CSV columns of a PR, in the order toApiPullRequest writes its fields. */
export const PULL_REQUEST_COLUMNS: readonly string[] = PULL_REQUEST_VIEW_FIELDS.flatMap((field) => {
  if (field === "repoId" || field === "prId") return [];
  if (field === "author") return ["author.login", "author.isBot"];
  if (field === "metrics") return METRIC_NAMES.map((name) => `metrics.${name}`);
  return [field];
});

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

function metricsOf(stored: Record<string, number | null> | undefined): ApiPullRequest["metrics"] {
  const values = stored ?? {};
  return Object.fromEntries(
    METRIC_NAMES.map((name) => [name, typeof values[name] === "number" ? values[name] : null]),
  ) as ApiPullRequest["metrics"];
}

/** `extraBots`: the repository's own `bots:` list, which extends METRICS.md's bot rules. */
export function toApiPullRequest(doc: PullRequestView, extraBots: readonly string[]): ApiPullRequest {
  return {
    repo: doc.repo,
    number: doc.number,
    title: doc.title,
    // Records stored before GraphQL logins were normalised still show the account's REST login.
    author: { login: restLogin(doc.author), isBot: isBot(doc.author, extraBots) },
    state: doc.state,
    draft: doc.draft,
    createdAt: doc.createdAt.toISOString(),
    readyAt: iso(doc.readyAt),
    mergedAt: iso(doc.mergedAt),
    closedAt: iso(doc.closedAt),
    headRef: doc.headRef,
    baseRef: doc.baseRef,
    labels: doc.labels,
    milestone: doc.milestone,
    assignees: doc.assignees,
    linkedIssues: doc.linkedIssues,
    additions: doc.additions,
    deletions: doc.deletions,
    changedFiles: doc.changedFiles,
    firstReviewAt: iso(doc.firstReviewAt),
    firstApprovalAt: iso(doc.firstApprovalAt),
    isRevert: doc.isRevert,
    isHotfix: doc.isHotfix,
    aiAssisted: doc.aiAssisted,
    aiEvidence: doc.aiEvidence,
    dataComplete: doc.dataComplete,
    metrics: metricsOf(doc.metrics),
    // PRs stored before reviewers were derived have none until their next recompute.
    reviewers: doc.reviewers ?? [],
    // PRs stored before text was bounded have no list: nothing of theirs was cut.
    truncated: doc.truncated ?? [],
  };
}
