import { COLOURS, hatch } from "./palette.js";
import { formatHours, formatNumber, formatWeek } from "./format.js";

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

const MAX_REVIEWERS = 12;
const percent = (share) => (share === null ? null : Math.round(share * 10000) / 100);
const formatPercent = (value) => (value === null ? "—" : `${value}%`);
const formatMinutes = (value) => (value === null ? "—" : `${formatNumber(value)} min`);
const hasValues = (datasets) =>
  datasets.some((set) => set.data.some((value) => value !== null && value !== 0));

/**
 * A chart over weeks: one bar or point a week, its data table keyed by the week's Monday. `hasData`
 * defaults to "some value is not zero".
 */
const weeklyChart = (weeks, { type = "bar", datasets, hasData = hasValues(datasets), ...rest }) => ({
  type,
  labels: weeks.map((group) => formatWeek(group.key)),
  rowLabels: weeks.map((group) => group.key),
  rowHeader: "Week of",
  over: "weeks",
  datasets,
  ...rest,
  hasData,
});

/** A hatched fill (the second series of a pair, or a warning), so no chart relies on colour alone. */
const hatched = (colour) => ({ backgroundColor: hatch(colour), borderColor: colour, borderWidth: 1 });

const countAxis = (title) => ({
  beginAtZero: true,
  title: { display: true, text: title },
  ticks: { precision: 0 },
});

export function cycleTime(weeks) {
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
  return weeklyChart(weeks, {
    datasets,
    formats: datasets.map(() => formatHours),
    scales: {
      x: { stacked: true },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: "hours" } },
    },
    empty: "No merged pull requests in this range.",
  });
}

export function throughput(weeks) {
  const datasets = [
    {
      type: "bar",
      label: "Merged",
      data: weeks.map((g) => g.prsMerged),
      backgroundColor: COLOURS.blue,
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
  return weeklyChart(weeks, {
    datasets,
    formats: [formatNumber, formatNumber],
    scales: { y: countAxis("pull requests") },
    empty: "No pull requests opened or merged in this range.",
  });
}

/** How many merged PRs fall in each size bucket; PRs whose size GitHub has not reported are left out. */
export function prSize(mergedPrs) {
  const counts = SIZE_BUCKETS.map(() => 0);
  for (const pr of mergedPrs) {
    if (pr.additions === null || pr.deletions === null) continue;
    const lines = pr.additions + pr.deletions;
    counts[SIZE_BUCKETS.findIndex(([, upTo]) => lines <= upTo)] += 1;
  }
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
    empty: "No merged pull requests opened in this range.",
  };
}

const byLoad = (a, b) =>
  b.prsReviewed - a.prsReviewed || b.reviewsSubmitted - a.reviewsSubmitted || a.key.localeCompare(b.key);

/**
 * Review load from `groupBy=reviewer` groups (bots and self-reviews are never reviewers): the busiest
 * reviewers of merged PRs first; past MAX_REVIEWERS bars the rest are added up in a last "others" bar.
 */
export function reviewLoad(groups) {
  const busiest = groups.filter((group) => group.prsReviewed > 0).sort(byLoad);
  const rows = busiest.slice(0, busiest.length > MAX_REVIEWERS ? MAX_REVIEWERS - 1 : MAX_REVIEWERS);
  const rest = busiest.slice(rows.length);
  if (rest.length > 0) {
    rows.push({
      key: `${rest.length} others (summed)`,
      prsReviewed: rest.reduce((sum, g) => sum + g.prsReviewed, 0),
      reviewsSubmitted: rest.reduce((sum, g) => sum + g.reviewsSubmitted, 0),
    });
  }
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
    scales: { x: countAxis("merged pull requests / reviews") },
    hasData: hasValues(datasets),
    empty: "No merged pull request in this range was reviewed by someone other than its author.",
  };
}

export function ci(weeks) {
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
  return weeklyChart(weeks, {
    datasets,
    formats: [formatPercent, formatMinutes],
    scales: {
      rate: {
        position: "left",
        beginAtZero: true,
        suggestedMax: 100,
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

export function revertsAndHotfixes(weeks) {
  const datasets = [
    { label: "Reverts", data: weeks.map((g) => g.revertCount), ...hatched(COLOURS.vermillion) },
    { label: "Hotfixes", data: weeks.map((g) => g.hotfixCount), backgroundColor: COLOURS.purple },
  ];
  return weeklyChart(weeks, {
    datasets,
    formats: [formatNumber, formatNumber],
    scales: { y: countAxis("merged pull requests") },
    empty: "No reverts or hotfixes merged in this range.",
  });
}

export function aiShare(weeks) {
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
  return weeklyChart(weeks, {
    type: "line",
    datasets,
    formats: [formatPercent],
    scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "% of merged" } } },
    // A week of merged PRs none of which was AI-assisted is a real 0%, not an empty chart.
    hasData: weeks.some((g) => g.prsMerged > 0),
    empty: "No merged pull requests in this range.",
  });
}
