import { share } from "./arithmetic.js";
import {
  DURATION_METRICS,
  SIZE_BUCKETS,
  sizeBucketOf,
  sizeCounts,
  type AggregatablePullRequest,
  type DurationMetric,
  type Group,
} from "./aggregate.js";
import { summarizeValues } from "./statistics.js";
import { ValueList } from "./value-list.js";

/**
 * What a group's figures are made of, in a form that adds up: counts, the numerators and denominators
 * of its shares, and every duration value. Adding parts and then building the group gives exactly what
 * `aggregatePullRequests` gives over the same PRs (METRICS.md), whatever order the parts come in: the
 * counts are integers, and the statistics neither depend on the values' order nor on how they are split.
 */
export interface RollupPart {
  merged: number;
  opened: number;
  /** Merged PRs with a firstReviewAt. */
  reviewed: number;
  reverts: number;
  hotfixes: number;
  aiAssisted: number;
  checkRuns: number;
  checkRunsFailed: number;
  /** Reviews the group counts (a reviewer group: that reviewer's only). */
  reviews: number;
  /** Merged PRs per size bucket (SIZE_BUCKETS' order). */
  sizes: number[];
  /** Each duration metric's non-null values in hundredths (whole numbers), in no particular order. */
  values: Record<DurationMetric, ValueList>;
  /** More of each metric's values in hundredths, as runs sorted ascending (views of stored rollups). */
  runs: Record<DurationMetric, ArrayLike<number>[]>;
  /**
   * Each metric's values (loose and in runs) summed: whole numbers, exact in any order, so a mean needs
   * no pass over the values.
   */
  sums: Record<DurationMetric, number>;
}

/**
 * One of `make()` per metric, as a literal: every part's records then share one shape, which keeps
 * property reads by metric fast where a year of people builds tens of thousands of parts.
 */
const perMetric = <T>(make: () => T): Record<DurationMetric, T> => ({
  codingTimeHours: make(),
  pickupTimeHours: make(),
  reviewTimeHours: make(),
  cycleTimeHours: make(),
  ciDurationSeconds: make(),
  ciWallSeconds: make(),
});

export const emptyPart = (): RollupPart => ({
  merged: 0,
  opened: 0,
  reviewed: 0,
  reverts: 0,
  hotfixes: 0,
  aiAssisted: 0,
  checkRuns: 0,
  checkRunsFailed: 0,
  reviews: 0,
  sizes: SIZE_BUCKETS.map(() => 0),
  values: perMetric(() => new ValueList()),
  runs: perMetric((): ArrayLike<number>[] => []),
  sums: perMetric(() => 0),
});

const present = (value: number | null | undefined): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** Counts a merged PR into the part; `reviews` is what the group counts of its reviews. */
export function addMerged(part: RollupPart, pr: AggregatablePullRequest, reviews: number): void {
  part.merged += 1;
  if (pr.firstReviewAt !== null) part.reviewed += 1;
  if (pr.isRevert) part.reverts += 1;
  if (pr.isHotfix) part.hotfixes += 1;
  if (pr.aiAssisted) part.aiAssisted += 1;
  part.checkRuns += pr.metrics.checkRunsCount ?? 0;
  part.checkRunsFailed += pr.metrics.checkRunsFailed ?? 0;
  part.reviews += reviews;
  const bucket = sizeBucketOf(pr);
  if (bucket >= 0) part.sizes[bucket] += 1;
  for (const metric of DURATION_METRICS) {
    const value = pr.metrics[metric];
    if (!present(value)) continue;
    // Durations are rounded to 2 decimals (METRICS.md): in hundredths they are whole, and n / 100 gives
    // back the very number stored, so percentiles interpolate between the same values.
    const hundredths = Math.round(value * 100);
    part.values[metric].push(hundredths);
    part.sums[metric] += hundredths;
  }
}

/** Adds `from` into `into`. */
export function addPart(into: RollupPart, from: RollupPart): void {
  into.merged += from.merged;
  into.opened += from.opened;
  into.reviewed += from.reviewed;
  into.reverts += from.reverts;
  into.hotfixes += from.hotfixes;
  into.aiAssisted += from.aiAssisted;
  into.checkRuns += from.checkRuns;
  into.checkRunsFailed += from.checkRunsFailed;
  into.reviews += from.reviews;
  from.sizes.forEach((count, index) => (into.sizes[index] += count));
  for (const metric of DURATION_METRICS) {
    into.values[metric].append(from.values[metric].view());
    for (const run of from.runs[metric]) into.runs[metric].push(run);
    into.sums[metric] += from.sums[metric];
  }
}

/** The group of METRICS.md from its part: the same fields, in the same order, as `buildGroup`. */
export function groupOfPart(key: string, part: RollupPart): Group {
  const durations = Object.fromEntries(
    DURATION_METRICS.map((metric) => [
      metric,
      summarizeValues(part.values[metric].view(), part.runs[metric], part.sums[metric]),
    ]),
  ) as Record<DurationMetric, Group[DurationMetric]>;
  return {
    key,
    prsMerged: part.merged,
    prsOpened: part.opened,
    reviewedShare: share(part.reviewed, part.merged),
    revertCount: part.reverts,
    hotfixCount: part.hotfixes,
    aiAssistedShare: share(part.aiAssisted, part.merged),
    checkRunsCount: part.checkRuns,
    checkRunsFailed: part.checkRunsFailed,
    ciFailureRate: share(part.checkRunsFailed, part.checkRuns),
    ...durations,
    prsReviewed: part.reviewed,
    reviewsSubmitted: part.reviews,
    prsMergedBySize: sizeCounts(part.sizes),
  };
}
