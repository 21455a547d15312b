/** ISO weeks start on Monday; a week is keyed by that Monday at 00:00 UTC, as `YYYY-MM-DD`. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** The Monday 00:00 UTC that starts the ISO week holding `date`. */
export function weekStart(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

export const weekKey = (date: Date): string => weekStart(date).toISOString().slice(0, 10);

/** The key of every week that overlaps [since, until), in order. */
export function weekKeysBetween(since: Date, until: Date): string[] {
  const keys: string[] = [];
  if (until.getTime() <= since.getTime()) return keys;
  for (let start = weekStart(since).getTime(); start < until.getTime(); start += WEEK_MS) {
    keys.push(new Date(start).toISOString().slice(0, 10));
  }
  return keys;
}

/**
 * [since, until) cut at week boundaries: the whole weeks inside it (null if none), and the partial
 * weeks at either end (the whole range when no week fits in it).
 */
export function splitAtWeeks(
  since: Date,
  until: Date,
): { weeks: { since: Date; until: Date } | null; edges: { since: Date; until: Date }[] } {
  const start = weekStart(since);
  const firstWhole = start.getTime() === since.getTime() ? since : new Date(start.getTime() + WEEK_MS);
  const wholeEnd = weekStart(until);
  if (firstWhole.getTime() >= wholeEnd.getTime())
    return { weeks: null, edges: since.getTime() < until.getTime() ? [{ since, until }] : [] };
  const edges = [];
  if (since.getTime() < firstWhole.getTime()) edges.push({ since, until: firstWhole });
  if (wholeEnd.getTime() < until.getTime()) edges.push({ since: wholeEnd, until });
  return { weeks: { since: firstWhole, until: wholeEnd }, edges };
}

export interface TimeRange {
  since: Date;
  until: Date;
}

/**
 * A range cut at midnights: its whole days, as runs inside one week each (a range with no whole week may
 * still cross a Monday), and the partial days at its ends.
 */
export function splitAtDays(range: TimeRange): { days: TimeRange[]; partial: TimeRange[] } {
  const firstDay = Math.ceil(range.since.getTime() / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(range.until.getTime() / DAY_MS) * DAY_MS;
  if (firstDay >= lastDay) return { days: [], partial: [range] };
  const days: TimeRange[] = [];
  for (let start = firstDay; start < lastDay;) {
    const end = Math.min(weekStart(new Date(start)).getTime() + WEEK_MS, lastDay);
    days.push({ since: new Date(start), until: new Date(end) });
    start = end;
  }
  const partial = [
    { since: range.since, until: new Date(firstDay) },
    { since: new Date(lastDay), until: range.until },
  ].filter((part) => part.since.getTime() < part.until.getTime());
  return { days, partial };
}

/**
 * A range inside a day or two cut at whole hours: its whole hours, as runs inside one day each, and the
 * partial hours at its ends (what is read from PRs).
 */
export function splitAtHours(range: TimeRange): { hours: TimeRange[]; partial: TimeRange[] } {
  const firstHour = Math.ceil(range.since.getTime() / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(range.until.getTime() / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHour) return { hours: [], partial: [range] };
  const hours: TimeRange[] = [];
  for (let start = firstHour; start < lastHour;) {
    const end = Math.min(Math.floor(start / DAY_MS) * DAY_MS + DAY_MS, lastHour);
    hours.push({ since: new Date(start), until: new Date(end) });
    start = end;
  }
  const partial = [
    { since: range.since, until: new Date(firstHour) },
    { since: new Date(lastHour), until: range.until },
  ].filter((part) => part.since.getTime() < part.until.getTime());
  return { hours, partial };
}
