import { COLOURS, hatch } from "./palette.js";
import { formatHours, formatNumber } from "./format.js";
import { hasValues, partialWeeks, weeklyChart } from "./weekly-chart.js";

/**
 * Each chart as a description built from API answers: labels, Chart.js datasets, one formatter per
 * dataset (for tooltips and the data table) and the axes. Values are kept in the unit the axis shows.
 */

const PHASES = [
  ["codingTimeHours", "Coding", COLOURS.blue],
  ["pickupTimeHours", "Pickup", COLOURS.orange],
  ["reviewTimeHours", "Review", COLOURS.green],
];

/** Lines changed (additions + deletions): upper bounds of each size bucket. */
export const SIZE_BUCKETS = [
  ["XS", 10],
  ["S", 50],
  ["M", 200],
  ["L", 500],
  ["XL", 1000],
  ["XXL", Infinity],
];

/** Height of one reviewer's row, and of the axes and legend around them, in CSS pixels. */
const REVIEWER_ROW_PX = 34;
const REVIEW_LOAD_FRAME_PX = 110;
const percent = (share) => (share === null ? null : Math.round(share * 10000) / 100);
const formatPercent = (value) => (value === null ? "—" : `${value}%`);
const formatMinutes = (value) => (value === null ? "—" : `${formatNumber(value)} min`);
/** The axis top for a largest value: the next 1, 2 or 5 × 10ⁿ above it, with a little headroom. */
export function niceCeiling(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value * 1.1));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= value * 1.1);
  return step * magnitude;
}

/** A hatched fill (the second series of a pair, or a warning), so no chart relies on colour alone. */
const hatched = (colour) => ({ backgroundColor: hatch(colour), borderColor: colour, borderWidth: 1 });

const countAxis = (title) => ({
  beginAtZero: true,
  title: { display: true, text: title },
  ticks: { precision: 0 },
});

export function cycleTime(weeks, range) {
  const datasets = [];
  for (const stat of ["median", "p75"]) {
    for (const [metric, name, colour] of PHASES) {
      datasets.push({
        label: `${name} (${stat === "median" ? "median" : "p75"})`,
        data: weeks.map((group) => group[metric][stat]),
        backgroundColor: stat === "median" ? colour : hatch(colour),
        borderColor: colour,
        borderWidth: 1,
        stack: stat,
      });
    }
  }
  return weeklyChart(weeks, range, {
    datasets,
    formats: datasets.map(() => formatHours),
    scales: {
      x: { stacked: true },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: "hours" } },
    },
    empty: "No merged pull requests in this range.",
  });
}

export function throughput(weeks, range) {
  const partial = partialWeeks(weeks, range);
  const datasets = [
    {
      type: "bar",
      label: "Merged",
      data: weeks.map((g) => g.prsMerged),
      // A partial week's bar is pale with a dashed outline: fewer days, not fewer merges.
      backgroundColor: partial.map((cut) => (cut ? `${COLOURS.blue}55` : COLOURS.blue)),
      borderColor: COLOURS.blue,
      borderWidth: partial.map((cut) => (cut ? 2 : 0)),
      borderDash: [4, 3],
      order: 2,
    },
    {
      type: "line",
      label: "Opened",
      data: weeks.map((g) => g.prsOpened),
      borderColor: COLOURS.orange,
      backgroundColor: COLOURS.orange,
      borderDash: [6, 4],
      pointStyle: "triangle",
      pointRadius: 5,
      order: 1,
    },
  ];
  return weeklyChart(weeks, range, {
    datasets,
    formats: [formatNumber, formatNumber],
    scales: { y: countAxis("pull requests") },
    empty: "No pull requests opened or merged in this range.",
  });
}

/**
 * How many PRs merged in the range fall in each size bucket (the metrics' `prsMergedBySize`); PRs whose
 * size GitHub has not reported are left out.
 */
export function prSize(bySize) {
  const counts = SIZE_BUCKETS.map(([name]) => bySize?.[name.toLowerCase()] ?? 0);
  const labels = SIZE_BUCKETS.map(([name, upTo], index) => {
    if (index === 0) return `${name} (≤${upTo})`;
    const from = SIZE_BUCKETS[index - 1][1] + 1;
    return upTo === Infinity ? `${name} (>${from - 1})` : `${name} (${from}–${upTo})`;
  });
  const datasets = [{ label: "Merged pull requests", data: counts, backgroundColor: COLOURS.purple }];
  return {
    type: "bar",
    labels,
    rowLabels: labels,
    rowHeader: "Lines changed",
    over: "size buckets",
    datasets,
    formats: [formatNumber],
    scales: { y: countAxis("pull requests") },
    hasData: hasValues(datasets),
    empty: "No pull requests merged in this range.",
  };
}

const byLoad = (a, b) =>
  b.prsReviewed - a.prsReviewed || b.reviewsSubmitted - a.reviewsSubmitted || a.key.localeCompare(b.key);

/**
 * Review load from `groupBy=reviewer` groups (bots and self-reviews are never reviewers): every reviewer
 * of merged PRs, busiest first, one labelled row each; the chart grows with their number.
 */
export function reviewLoad(groups) {
  const rows = groups.filter((group) => group.prsReviewed > 0).sort(byLoad);
  const datasets = [
    { label: "PRs reviewed", data: rows.map((g) => g.prsReviewed), backgroundColor: COLOURS.blue },
    { label: "Reviews submitted", data: rows.map((g) => g.reviewsSubmitted), ...hatched(COLOURS.orange) },
  ];
  return {
    type: "bar",
    indexAxis: "y",
    labels: rows.map((g) => g.key),
    rowLabels: rows.map((g) => g.key),
    rowHeader: "Reviewer",
    over: "reviewers",
    datasets,
    formats: [formatNumber, formatNumber],
    scales: {
      x: countAxis("merged pull requests / reviews"),
      // Chart.js skips category labels that look crowded; every reviewer is named instead.
      y: { ticks: { autoSkip: false } },
    },
    heightPx: rows.length > 0 ? REVIEW_LOAD_FRAME_PX + rows.length * REVIEWER_ROW_PX : undefined,
    hasData: hasValues(datasets),
    empty: "No merged pull request in this range was reviewed by someone other than its author.",
  };
}

export function ci(weeks, range) {
  const datasets = [
    {
      type: "line",
      label: "Failed check runs",
      data: weeks.map((g) => percent(g.ciFailureRate)),
      borderColor: COLOURS.vermillion,
      backgroundColor: COLOURS.vermillion,
      pointStyle: "rectRot",
      pointRadius: 5,
      yAxisID: "rate",
      order: 1,
    },
    {
      type: "bar",
      label: "Median CI wall time",
      data: weeks.map((g) =>
        g.ciWallSeconds.median === null ? null : Math.round(g.ciWallSeconds.median / 6) / 10,
      ),
      ...hatched(COLOURS.sky),
      yAxisID: "minutes",
      order: 2,
    },
  ];
  return weeklyChart(weeks, range, {
    datasets,
    formats: [formatPercent, formatMinutes],
    scales: {
      // Scaled to the data (failure rates are mostly a few percent), never past 100 %.
      rate: {
        position: "left",
        beginAtZero: true,
        max: Math.min(100, niceCeiling(Math.max(0, ...datasets[0].data.filter((v) => v !== null)))),
        title: { display: true, text: "% failed" },
      },
      minutes: {
        position: "right",
        beginAtZero: true,
        grid: { drawOnChartArea: false },
        title: { display: true, text: "minutes" },
      },
    },
    empty: "No check runs on pull requests merged in this range.",
  });
}

export function revertsAndHotfixes(weeks, range) {
  const datasets = [
    { label: "Reverts", data: weeks.map((g) => g.revertCount), ...hatched(COLOURS.vermillion) },
    { label: "Hotfixes", data: weeks.map((g) => g.hotfixCount), backgroundColor: COLOURS.purple },
  ];
  return weeklyChart(weeks, range, {
    datasets,
    formats: [formatNumber, formatNumber],
    scales: { y: countAxis("merged pull requests") },
    empty: "No reverts or hotfixes merged in this range.",
  });
}

export function aiShare(weeks, range) {
  const datasets = [
    {
      type: "line",
      label: "AI-assisted",
      data: weeks.map((g) => percent(g.aiAssistedShare)),
      borderColor: COLOURS.green,
      backgroundColor: `${COLOURS.green}33`,
      fill: "origin",
      pointRadius: 4,
    },
  ];
  return weeklyChart(weeks, range, {
    type: "line",
    datasets,
    formats: [formatPercent],
    scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "% of merged" } } },
    // A week of merged PRs none of which was AI-assisted is a real 0%, not an empty chart.
    hasData: weeks.some((g) => g.prsMerged > 0),
    empty: "No merged pull requests in this range.",
  });
}
