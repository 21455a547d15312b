import type { Group } from "../../metrics/aggregate.js";
import type { Summary } from "../../metrics/statistics.js";
import { percent, type TableCell } from "../output.js";

/**
 * `mergelens metrics` as a table: a compact default that fits a terminal (the main times as
 * median / p75, and the counts) and `--wide`, every figure of the API's group. JSON and CSV carry the
 * same full set with every decimal.
 */
export interface TableLayout {
  head: string[];
  row: (group: Group) => TableCell[];
  /** Says how to read the cells, printed under the range. */
  legend: string;
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** `12.5 / 40`, or `-` with no value (a week with no merged PR). */
const pair = (summary: Summary): string =>
  summary.median === null ? "-" : `${round1(summary.median)} / ${round1(summary.p75)}`;

/** `median / p75 / p90 / mean (count)`. */
const full = (summary: Summary): string =>
  summary.median === null
    ? "-"
    : `${[summary.median, summary.p75, summary.p90, summary.mean].map(round1).join(" / ")} (${summary.count})`;

export const COMPACT_LAYOUT: TableLayout = {
  head: ["group", "merged", "opened", "cycle h", "coding h", "pickup h", "review h"],
  row: (group) => [
    group.key,
    group.prsMerged,
    group.prsOpened,
    pair(group.cycleTimeHours),
    pair(group.codingTimeHours),
    pair(group.pickupTimeHours),
    pair(group.reviewTimeHours),
  ],
  legend: "times in hours as median / p75; --wide for every figure",
};

export const WIDE_LAYOUT: TableLayout = {
  head: [
    "group",
    "merged",
    "opened",
    "reviewed",
    "PRs reviewed",
    "reviews",
    "reverts",
    "hotfixes",
    "AI-assisted",
    "check runs",
    "failed",
    "CI failure",
    "cycle h",
    "coding h",
    "pickup h",
    "review h",
    "CI duration s",
    "CI wall s",
  ],
  row: (group) => [
    group.key,
    group.prsMerged,
    group.prsOpened,
    percent(group.reviewedShare),
    group.prsReviewed,
    group.reviewsSubmitted,
    group.revertCount,
    group.hotfixCount,
    percent(group.aiAssistedShare),
    group.checkRunsCount,
    group.checkRunsFailed,
    percent(group.ciFailureRate),
    full(group.cycleTimeHours),
    full(group.codingTimeHours),
    full(group.pickupTimeHours),
    full(group.reviewTimeHours),
    full(group.ciDurationSeconds),
    full(group.ciWallSeconds),
  ],
  legend: "durations as median / p75 / p90 / mean (PRs with a value)",
};
