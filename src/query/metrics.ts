import {
  aggregatePullRequests,
  type Aggregate,
  type AggregatablePullRequest,
  type GroupBy,
} from "../metrics/aggregate.js";
import type { Store } from "../storage/store.js";
import { flattenRecord } from "./csv.js";
import { resolveRepository } from "./repositories.js";

export interface MetricsQuery {
  repo?: string;
  /** [since, until) bounds `mergedAt` for merged figures and `createdAt` for prsOpened (METRICS.md). */
  since: Date;
  until: Date;
  groupBy?: Exclude<GroupBy, "none">;
}

const AGGREGATE_FIELDS = {
  _id: 0,
  repo: 1,
  author: 1,
  createdAt: 1,
  mergedAt: 1,
  firstReviewAt: 1,
  isRevert: 1,
  isHotfix: 1,
  aiAssisted: 1,
  metrics: 1,
  reviewers: 1,
  reviewsByReviewer: 1,
} as const;

/** The aggregates of METRICS.md from the stored per-PR values: only the PRs the range touches are read. */
export async function getMetrics(
  store: Store,
  installationId: number,
  query: MetricsQuery,
): Promise<Aggregate> {
  const repo = query.repo ? (await resolveRepository(store, installationId, query.repo)).repo : undefined;
  return aggregateStored(store, { installationId, ...(repo ? { repo } : {}) }, query);
}

/**
 * The same aggregates over every repository of several installations: for the CLI, which has no token to
 * scope it to one, so an operator's `--group-by repo` lists every repository the app tracks.
 */
export function getMetricsOfInstallations(
  store: Store,
  installationIds: readonly number[],
  query: Omit<MetricsQuery, "repo">,
): Promise<Aggregate> {
  return aggregateStored(store, { installationId: { $in: [...installationIds] } }, query);
}

async function aggregateStored(
  store: Store,
  scope: { installationId: number | { $in: number[] }; repo?: string },
  query: Omit<MetricsQuery, "repo">,
): Promise<Aggregate> {
  const range = { $gte: query.since, $lt: query.until };
  const prs = await store.pullRequests
    .find({ ...scope, $or: [{ mergedAt: range }, { createdAt: range }] }, AGGREGATE_FIELDS)
    .lean<AggregatablePullRequest[]>();
  return aggregatePullRequests(prs, {
    since: query.since,
    until: query.until,
    groupBy: query.groupBy ?? "none",
  });
}

/** A group's CSV columns, taken from an empty group so a list with no groups still has its header. */
export const GROUP_COLUMNS: readonly string[] = [
  ...flattenRecord(
    aggregatePullRequests([], { since: new Date(0), until: new Date(1), groupBy: "none" }).groups[0],
  ).keys(),
];
