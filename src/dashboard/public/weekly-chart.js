import { addDays, formatWeek, isoDay } from "./format.js";

/** What every chart over weeks shares: labels, table rows and the weeks the range cuts short. */

export const hasValues = (datasets) =>
  datasets.some((set) => set.data.some((value) => value !== null && value !== 0));

/**
 * The weeks the range cuts short (the current week, or a first week starting before `since`): the API
 * counts only their days in range, so they are labelled partial rather than read as a collapse.
 */
export function partialWeeks(weeks, range) {
  if (!range) return weeks.map(() => false);
  const since = new Date(range.since).getTime();
  const until = new Date(range.until).getTime();
  return weeks.map((group) => {
    const start = new Date(`${group.key}T00:00:00Z`);
    return start.getTime() < since || addDays(start, 7).getTime() > until;
  });
}

/** The days of a partial week the range covers, e.g. `partial: 2026-11-30 to 2026-12-04`, for its table row. */
function coveredDays(key, range) {
  const start = new Date(`${key}T00:00:00Z`);
  const from = new Date(Math.max(start.getTime(), new Date(range.since).getTime()));
  const to = addDays(new Date(Math.min(addDays(start, 7).getTime(), new Date(range.until).getTime())), -1);
  return `partial: ${isoDay(from)} to ${isoDay(to)}`;
}

/**
 * A chart over weeks: one bar or point a week, its data table keyed by the week's Monday. A partial week
 * has a two-line label ("1 Dec", "partial") and says which days it covers in the table. `hasData`
 * defaults to "some value is not zero".
 */
export const weeklyChart = (
  weeks,
  range,
  { type = "bar", datasets, hasData = hasValues(datasets), ...rest },
) => {
  const partial = partialWeeks(weeks, range);
  return {
    type,
    labels: weeks.map((group, i) =>
      partial[i] ? [formatWeek(group.key), "partial"] : formatWeek(group.key),
    ),
    rowLabels: weeks.map((group, i) =>
      partial[i] ? `${group.key} (${coveredDays(group.key, range)})` : group.key,
    ),
    rowHeader: "Week of",
    over: "weeks",
    partial,
    datasets,
    ...rest,
    hasData,
  };
};
