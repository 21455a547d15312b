import type { PullRequestDocument } from "../storage/models/pull-request.js";
import { share } from "./arithmetic.js";
import { accountKey, restLogin } from "./accounts.js";
import type { ReviewerReviews } from "./reviews.js";
import { summarize, type Summary } from "./statistics.js";
import { weekKey, weekKeysBetween } from "./week.js";

/**
 * Aggregates of METRICS.md over stored PRs, computed in JavaScript so every MongoDB-compatible server
 * gives the same numbers. Merged figures cover PRs with `mergedAt` in [since, until); `prsOpened` counts
 * PRs with `createdAt` in [since, until). With `week` grouping a merged PR lands in the week of its
 * `mergedAt` and an opened PR in the week of its `createdAt`, and every week overlapping the range gets a
 * group (a quiet week is a real zero); `repo` and `author` groups exist only where there is a PR. With
 * `reviewer` grouping a PR counts in the group of each of its reviewers (none: in no group), and its
 * figures are the PR's own: a reviewer's pickup time is the PR's, whoever reviewed first.
 */
export type GroupBy = "week" | "repo" | "author" | "reviewer" | "none";

export type AggregatablePullRequest = Pick<
  PullRequestDocument,
  | "repo"
  | "author"
  | "createdAt"
  | "mergedAt"
  | "firstReviewAt"
  | "isRevert"
  | "isHotfix"
  | "aiAssisted"
  | "additions"
  | "deletions"
> & {
  metrics: Partial<Record<string, number | null>>;
  /** Absent on PRs stored before reviewers were derived, which are then in no reviewer group. */
  reviewers?: string[];
  reviewsByReviewer?: ReviewerReviews[];
  /** Where the PR's lead time starts (DORA); absent on PRs stored before it was derived. */
  firstCommitAt?: Date | null;
};

export const DURATION_METRICS = [
  "codingTimeHours",
  "pickupTimeHours",
  "reviewTimeHours",
  "cycleTimeHours",
  "ciDurationSeconds",
  "ciWallSeconds",
] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

/** Merged PRs by lines changed (additions + deletions), each bucket up to its bound; unknown sizes uncounted. */
export const SIZE_BUCKETS = [
  ["xs", 10],
  ["s", 50],
  ["m", 200],
  ["l", 500],
  ["xl", 1000],
  ["xxl", Infinity],
] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number][0];

/** The index of a PR's size bucket, or -1 when GitHub has not told its size. */
export function sizeBucketOf(pr: Pick<AggregatablePullRequest, "additions" | "deletions">): number {
  if (typeof pr.additions !== "number" || typeof pr.deletions !== "number") return -1;
  const lines = pr.additions + pr.deletions;
  return SIZE_BUCKETS.findIndex(([, upTo]) => lines <= upTo);
}

export const sizeCounts = (counts: readonly number[]): Record<SizeBucket, number> =>
  Object.fromEntries(SIZE_BUCKETS.map(([name], index) => [name, counts[index] ?? 0])) as Record<
    SizeBucket,
    number
  >;

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
} & Record<DurationMetric, Summary> & {
    /** Merged PRs with a firstReviewAt (in a reviewer group: every merged PR that reviewer reviewed). */
    prsReviewed: number;
    /** Reviews by reviewers on the merged PRs (in a reviewer group: that reviewer's reviews only). */
    reviewsSubmitted: number;
    /** The merged PRs by size (SIZE_BUCKETS): the dashboard's size chart. */
    prsMergedBySize: Record<SizeBucket, number>;
  };

export interface Aggregate {
  since: Date;
  until: Date;
  groupBy: GroupBy;
  groups: Group[];
}

export const inRange = (date: Date | null, since: Date, until: Date): date is Date =>
  date !== null && date.getTime() >= since.getTime() && date.getTime() < until.getTime();

/** A person a PR is grouped under: their account key, and the login shown for it. */
export interface Person {
  key: string;
  login: string;
}

/** A PR's reviewers; those stored before reviewers were keyed by account are keyed by login. */
const reviewersOfPr = (pr: AggregatablePullRequest): Person[] =>
  (pr.reviewsByReviewer ?? (pr.reviewers ?? []).map((login) => ({ login, key: undefined }))).map(
    (reviewer) => ({ key: reviewer.key ?? accountKey({ login: reviewer.login }), login: reviewer.login }),
  );

export const peopleOf = (pr: AggregatablePullRequest, groupBy: GroupBy): Person[] =>
  groupBy === "author"
    ? [{ key: accountKey(pr.author), login: restLogin(pr.author) }]
    : groupBy === "reviewer"
      ? reviewersOfPr(pr)
      : [];

/**
 * One login shown per account (an account may appear under two spellings, or a renamed login): the
 * spelling of its newest PR, then the one that sorts first, whatever order the PRs come in.
 */
function displayNames(prs: readonly AggregatablePullRequest[], groupBy: GroupBy): (key: string) => string {
  const names = new Map<string, { login: string; at: number }>();
  for (const pr of prs) {
    const at = pr.createdAt.getTime();
    for (const { key, login } of peopleOf(pr, groupBy)) {
      const seen = names.get(key);
      if (!seen || at > seen.at || (at === seen.at && login < seen.login)) names.set(key, { login, at });
    }
  }
  return (key) => names.get(key)?.login ?? key;
}

/** The groups a PR falls in: account keys for people (shown by `displayNames`), else the key itself. */
export function groupKeys(pr: AggregatablePullRequest, groupBy: GroupBy, date: Date): string[] {
  if (groupBy === "week") return [weekKey(date)];
  if (groupBy === "repo") return [pr.repo];
  if (groupBy === "author" || groupBy === "reviewer")
    return peopleOf(pr, groupBy).map((person) => person.key);
  return ["all"];
}

export type PrFigure = (pr: AggregatablePullRequest) => number;

const sum = (prs: readonly AggregatablePullRequest[], figure: PrFigure): number =>
  prs.reduce((total, pr) => total + figure(pr), 0);
const stored =
  (name: string): PrFigure =>
  (pr) =>
    pr.metrics[name] ?? 0;

/** The reviews a group counts on a PR: one reviewer's in a reviewer group, else every reviewer's. */
export const reviewsIn = (groupBy: GroupBy, key: string): PrFigure =>
  groupBy === "reviewer"
    ? (pr) =>
        pr.reviewsByReviewer?.find((reviewer) => (reviewer.key ?? accountKey(reviewer)) === key)?.count ?? 0
    : stored("reviewCount");

function buildGroup(
  key: string,
  merged: readonly AggregatablePullRequest[],
  opened: number,
  reviewsOf: PrFigure,
): Group {
  const checkRunsCount = sum(merged, stored("checkRunsCount"));
  const checkRunsFailed = sum(merged, stored("checkRunsFailed"));
  const reviewed = merged.filter((pr) => pr.firstReviewAt !== null).length;
  const durations = Object.fromEntries(
    DURATION_METRICS.map((metric) => [metric, summarize(merged.map((pr) => pr.metrics[metric]))]),
  ) as Record<DurationMetric, Summary>;
  return {
    key,
    prsMerged: merged.length,
    prsOpened: opened,
    reviewedShare: share(reviewed, merged.length),
    revertCount: merged.filter((pr) => pr.isRevert).length,
    hotfixCount: merged.filter((pr) => pr.isHotfix).length,
    aiAssistedShare: share(merged.filter((pr) => pr.aiAssisted).length, merged.length),
    checkRunsCount,
    checkRunsFailed,
    ciFailureRate: share(checkRunsFailed, checkRunsCount),
    ...durations,
    prsReviewed: reviewed,
    reviewsSubmitted: sum(merged, reviewsOf),
    prsMergedBySize: sizeCounts(
      SIZE_BUCKETS.map((_, index) => merged.filter((pr) => sizeBucketOf(pr) === index).length),
    ),
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
      for (const key of groupKeys(pr, groupBy, pr.mergedAt)) {
        const group = merged.get(key) ?? [];
        group.push(pr);
        merged.set(key, group);
      }
    }
    if (inRange(pr.createdAt, since, until)) {
      for (const key of groupKeys(pr, groupBy, pr.createdAt)) {
        opened.set(key, (opened.get(key) ?? 0) + 1);
      }
    }
  }
  const nameOf = groupBy === "author" || groupBy === "reviewer" ? displayNames(prs, groupBy) : String;
  const keys = [...new Set([...fixedKeys, ...merged.keys(), ...opened.keys()])];
  const groups = keys.map((key) =>
    buildGroup(nameOf(key), merged.get(key) ?? [], opened.get(key) ?? 0, reviewsIn(groupBy, key)),
  );
  return {
    since,
    until,
    groupBy,
    groups: groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}
