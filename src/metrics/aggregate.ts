import type { PullRequestDocument } from "../storage/models/pull-request.js";
import { share } from "./arithmetic.js";
import { summarize, type Summary } from "./statistics.js";
import { weekKey, weekKeysBetween } from "./week.js";

/**
 * Aggregates of METRICS.md over stored PRs, computed in JavaScript so every MongoDB-compatible server
 * gives the same numbers. Merged figures cover PRs with `mergedAt` in [since, until); `prsOpened` counts
 * PRs with `createdAt` in [since, until). With `week` grouping a merged PR lands in the week of its
 * `mergedAt` and an opened PR in the week of its `createdAt`, and every week overlapping the range gets a
 * group (a quiet week is a real zero); `repo` and `author` groups exist only where there is a PR.
 */
export type GroupBy = "week" | "repo" | "author" | "none";

export type AggregatablePullRequest = Pick<
  PullRequestDocument,
  "repo" | "author" | "createdAt" | "mergedAt" | "firstReviewAt" | "isRevert" | "isHotfix" | "aiAssisted"
> & { metrics: Partial<Record<string, number | null>> };

export const DURATION_METRICS = [
  "codingTimeHours",
  "pickupTimeHours",
  "reviewTimeHours",
  "cycleTimeHours",
  "ciDurationSeconds",
  "ciWallSeconds",
] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export type Group = {
  key: string;
  prsMerged: number;
  prsOpened: number;
  /** Merged PRs with a firstReviewAt ÷ merged PRs; null with no merged PR. */
  reviewedShare: number | null;
  revertCount: number;
  hotfixCount: number;
  aiAssistedShare: number | null;
  /** Totals over the merged PRs' head-commit check runs, and failed ÷ all (null with no run). */
  checkRunsCount: number;
  checkRunsFailed: number;
  ciFailureRate: number | null;
} & Record<DurationMetric, Summary>;

export interface Aggregate {
  since: Date;
  until: Date;
  groupBy: GroupBy;
  groups: Group[];
}

const inRange = (date: Date | null, since: Date, until: Date): date is Date =>
  date !== null && date.getTime() >= since.getTime() && date.getTime() < until.getTime();

function groupKey(pr: AggregatablePullRequest, groupBy: GroupBy, date: Date): string {
  if (groupBy === "week") return weekKey(date);
  if (groupBy === "repo") return pr.repo;
  if (groupBy === "author") return pr.author.login;
  return "all";
}

const total = (prs: readonly AggregatablePullRequest[], metric: string): number =>
  prs.reduce((sum, pr) => sum + (pr.metrics[metric] ?? 0), 0);

function buildGroup(key: string, merged: readonly AggregatablePullRequest[], opened: number): Group {
  const checkRunsCount = total(merged, "checkRunsCount");
  const checkRunsFailed = total(merged, "checkRunsFailed");
  const durations = Object.fromEntries(
    DURATION_METRICS.map((metric) => [metric, summarize(merged.map((pr) => pr.metrics[metric]))]),
  ) as Record<DurationMetric, Summary>;
  return {
    key,
    prsMerged: merged.length,
    prsOpened: opened,
    reviewedShare: share(merged.filter((pr) => pr.firstReviewAt !== null).length, merged.length),
    revertCount: merged.filter((pr) => pr.isRevert).length,
    hotfixCount: merged.filter((pr) => pr.isHotfix).length,
    aiAssistedShare: share(merged.filter((pr) => pr.aiAssisted).length, merged.length),
    checkRunsCount,
    checkRunsFailed,
    ciFailureRate: share(checkRunsFailed, checkRunsCount),
    ...durations,
  };
}

export function aggregatePullRequests(
  prs: readonly AggregatablePullRequest[],
  options: { since: Date; until: Date; groupBy: GroupBy },
): Aggregate {
  const { since, until, groupBy } = options;
  const merged = new Map<string, AggregatablePullRequest[]>();
  const opened = new Map<string, number>();
  // Keys that always get a group, even an empty one.
  const fixedKeys = groupBy === "week" ? weekKeysBetween(since, until) : groupBy === "none" ? ["all"] : [];
  for (const pr of prs) {
    if (inRange(pr.mergedAt, since, until)) {
      const key = groupKey(pr, groupBy, pr.mergedAt);
      const group = merged.get(key) ?? [];
      group.push(pr);
      merged.set(key, group);
    }
    if (inRange(pr.createdAt, since, until)) {
      const key = groupKey(pr, groupBy, pr.createdAt);
      opened.set(key, (opened.get(key) ?? 0) + 1);
    }
  }
  const keys = [...new Set([...fixedKeys, ...merged.keys(), ...opened.keys()])].sort();
  return {
    since,
    until,
    groupBy,
    groups: keys.map((key) => buildGroup(key, merged.get(key) ?? [], opened.get(key) ?? 0)),
  };
}
