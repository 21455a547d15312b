import {
  groupKeys,
  inRange,
  peopleOf,
  reviewsIn,
  type AggregatablePullRequest,
  type GroupBy,
} from "./aggregate.js";
import { addMerged, emptyPart, type RollupPart } from "./rollup-part.js";
import { DAY_MS, HOUR_MS, WEEK_MS, weekStart } from "./week.js";

/** The login a person is shown by, and the createdAt (ms) of the PR it came from. */
export interface PersonName {
  key: string;
  login: string;
  at: number;
}

/** A person's part in a week's rollup, with the name that week's PRs give them. */
export type PersonPart = RollupPart & PersonName;

/** Figures over some time: everyone's, each author's and each reviewer's. */
export interface RollupSlice {
  total: RollupPart;
  authors: PersonPart[];
  reviewers: PersonPart[];
}

/** A day of a week's rollup, with everyone's part of each of its 24 hours; null when nothing was merged or opened that day. */
export type DaySlice = (RollupSlice & { hours: RollupPart[] }) | null;

/** A repository-week's figures, and each of its days' (so ranges that cut a week at midnight stay exact). */
export interface WeekRollup extends RollupSlice {
  days: DaySlice[];
  /** Each merged PR's `mergedAt` and lead-time start (ms), flattened pairs in order: for DORA. */
  merges: number[];
}

/** A merged PR's lead time starts at its first commit, or its creation without one (METRICS.md). */
export const leadTimeStart = (pr: Pick<AggregatablePullRequest, "createdAt" | "firstCommitAt">): number =>
  (pr.firstCommitAt ?? pr.createdAt).getTime();

/** The PRs merged in [since, until) as `merges` pairs, sorted so a rebuild writes the same bytes. */
export function mergesOf(
  prs: readonly Pick<AggregatablePullRequest, "createdAt" | "mergedAt" | "firstCommitAt">[],
  range: { since: Date; until: Date },
): number[] {
  return prs
    .filter((pr) => inRange(pr.mergedAt, range.since, range.until))
    .map((pr) => [(pr.mergedAt as Date).getTime(), leadTimeStart(pr)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .flat();
}

/**
 * Keeps the login `aggregatePullRequests` shows for an account: that of its newest PR, then the one that
 * sorts first. A total order, so names merged in any order end the same.
 */
export function noteName(names: Map<string, PersonName>, name: PersonName): void {
  const seen = names.get(name.key);
  if (!seen || name.at > seen.at || (name.at === seen.at && name.login < seen.login))
    names.set(name.key, name);
}

export interface RangeParts {
  parts: Map<string, RollupPart>;
  names: Map<string, PersonName>;
}

/**
 * Each group's part over the PRs that [since, until) touches, grouped as `aggregatePullRequests` groups
 * them: a merged PR in the groups of its `mergedAt`, an opened one in those of its `createdAt`.
 */
export function partsOfPullRequests(
  prs: readonly AggregatablePullRequest[],
  range: { since: Date; until: Date; groupBy: GroupBy },
): RangeParts {
  const { since, until, groupBy } = range;
  const parts = new Map<string, RollupPart>();
  const names = new Map<string, PersonName>();
  const partOf = (key: string): RollupPart => {
    const found = parts.get(key);
    if (found) return found;
    const part = emptyPart();
    parts.set(key, part);
    return part;
  };
  for (const pr of prs) {
    const merged = inRange(pr.mergedAt, since, until);
    const opened = inRange(pr.createdAt, since, until);
    if (!merged && !opened) continue;
    if (merged)
      for (const key of groupKeys(pr, groupBy, pr.mergedAt as Date))
        addMerged(partOf(key), pr, reviewsIn(groupBy, key)(pr));
    if (opened) for (const key of groupKeys(pr, groupBy, pr.createdAt)) partOf(key).opened += 1;
    for (const person of peopleOf(pr, groupBy))
      noteName(names, { key: person.key, login: person.login, at: pr.createdAt.getTime() });
  }
  return { parts, names };
}

function personParts(
  prs: readonly AggregatablePullRequest[],
  range: { since: Date; until: Date },
  by: GroupBy,
) {
  const { parts, names } = partsOfPullRequests(prs, { ...range, groupBy: by });
  return [...parts].map(([key, part]): PersonPart => {
    const name = names.get(key) ?? { key, login: key, at: 0 };
    return { ...part, ...name };
  });
}

function sliceOf(prs: readonly AggregatablePullRequest[], range: { since: Date; until: Date }): RollupSlice {
  return {
    total: partsOfPullRequests(prs, { ...range, groupBy: "none" }).parts.get("all") ?? emptyPart(),
    authors: personParts(prs, range, "author"),
    reviewers: personParts(prs, range, "reviewer"),
  };
}

/** The rollup of the week starting `week` (a Monday), from every PR merged or opened in it. */
export function buildWeekRollup(prs: readonly AggregatablePullRequest[], week: Date): WeekRollup {
  const range = { since: week, until: new Date(week.getTime() + WEEK_MS) };
  // Each day sliced from the PRs created or merged on it only.
  const ofDay: Set<AggregatablePullRequest>[] = Array.from({ length: 7 }, () => new Set());
  for (const pr of prs) {
    for (const date of [pr.createdAt, pr.mergedAt]) {
      const day = date ? Math.floor((date.getTime() - week.getTime()) / DAY_MS) : -1;
      if (day >= 0 && day < 7) ofDay[day].add(pr);
    }
  }
  const days = ofDay.map((touching, index): DaySlice => {
    if (touching.size === 0) return null;
    const since = new Date(week.getTime() + index * DAY_MS);
    const prsOfDay = [...touching];
    const hours = Array.from({ length: 24 }, (_, hour) => {
      const start = new Date(since.getTime() + hour * HOUR_MS);
      const range = { since: start, until: new Date(start.getTime() + HOUR_MS), groupBy: "none" as const };
      return partsOfPullRequests(prsOfDay, range).parts.get("all") ?? emptyPart();
    });
    return { ...sliceOf(prsOfDay, { since, until: new Date(since.getTime() + DAY_MS) }), hours };
  });
  return { ...sliceOf(prs, range), days, merges: mergesOf(prs, range) };
}

/** The weeks (their Mondays, in ms) whose rollups a PR counts in: that of its creation and of its merge. */
export function rollupWeeksOf(pr: Pick<AggregatablePullRequest, "createdAt" | "mergedAt">): number[] {
  const weeks = [weekStart(pr.createdAt).getTime()];
  if (pr.mergedAt) weeks.push(weekStart(pr.mergedAt).getTime());
  return [...new Set(weeks)];
}
