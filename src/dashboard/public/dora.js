/* global document */
import { renderChart } from "./charts.js";
import { formatHours, formatNumber, formatShare, formatWeek } from "./format.js";
import { COLOURS } from "./palette.js";

/**
 * The delivery (DORA) panel: `GET /api/v1/dora`'s figures per week, one small chart each, and a line
 * naming the range's totals and the production environment pattern each repository uses (METRICS.md).
 */

const percent = (share) => (share === null ? null : Math.round(share * 10000) / 100);
const formatPercent = (value) => (value === null ? "—" : `${value}%`);

/** One weekly chart of a DORA figure, in the shape renderChart takes (see chart-configs.js). */
function weekly(weeks, { label, values, format, type = "bar", colour, axis, empty }) {
  const data = weeks.map(values);
  const style =
    type === "line"
      ? { borderColor: colour, backgroundColor: colour, spanGaps: true }
      : { backgroundColor: colour, borderColor: colour, borderWidth: 1 };
  return {
    type,
    labels: weeks.map((week) => formatWeek(week.week)),
    rowLabels: weeks.map((week) => week.week),
    rowHeader: "Week of",
    over: "weeks",
    datasets: [{ label, data, ...style }],
    formats: [format],
    scales: { y: { beginAtZero: true, title: { display: true, text: axis } } },
    empty,
    hasData: data.some((value) => value !== null && value !== 0),
  };
}

export function doraCharts(weeks) {
  return {
    "dora-frequency": weekly(weeks, {
      label: "Successful production deployments",
      values: (week) => week.deploymentFrequencyPerWeek,
      format: formatNumber,
      colour: COLOURS.blue,
      axis: "per week",
      empty: "No successful production deployment in this range.",
    }),
    "dora-lead-time": weekly(weeks, {
      label: "Lead time for changes (median)",
      values: (week) => week.leadTimeForChangesHours,
      format: formatHours,
      colour: COLOURS.green,
      axis: "hours",
      empty: "No merged pull request reached production in this range.",
    }),
    "dora-failure-rate": weekly(weeks, {
      label: "Change failure rate",
      values: (week) => percent(week.changeFailureRate),
      format: formatPercent,
      type: "line",
      colour: COLOURS.orange,
      axis: "% of production deployments",
      empty: "No failed production deployment in this range.",
    }),
    "dora-restore": weekly(weeks, {
      label: "Time to restore (median)",
      values: (week) => week.timeToRestoreHours,
      format: formatHours,
      colour: COLOURS.vermillion,
      axis: "hours",
      empty: "No failed production deployment was restored in this range.",
    }),
  };
}

/** "^prod(uction)?$" when every repository uses it, else each repository's own. */
export function describeProduction(environments) {
  const patterns = [...new Set(environments.map((one) => one.pattern))];
  if (patterns.length === 0) return "no repository yet";
  if (patterns.length === 1) return patterns[0];
  return environments.map((one) => `${one.repo}: ${one.pattern}`).join("; ");
}

function describeTotals(dora) {
  return (
    `${dora.deploymentsCount} production deployments in the range · ` +
    `${formatNumber(dora.deploymentFrequencyPerWeek)} successful a week · ` +
    `lead time ${formatHours(dora.leadTimeForChangesHours)} · ` +
    `change failure rate ${formatShare(dora.changeFailureRate)} · ` +
    `time to restore ${formatHours(dora.timeToRestoreHours)}. ` +
    `Production environments match ${describeProduction(dora.productionEnvironments)} ` +
    "(productionEnvironment in .github/mergelens.yml)."
  );
}

/** Reads the range's DORA answer and draws the panel, unless `isCurrent()` says a newer choice won. */
export async function drawDora(api, range, isCurrent) {
  const dora = await api.get("dora", range);
  if (!isCurrent()) return;
  document.getElementById("dora-note").textContent = describeTotals(dora);
  for (const [id, description] of Object.entries(doraCharts(dora.weeks))) renderChart(id, description);
}
