import { countOf, WEEK_DAYS, type Counted } from "../metrics/week-counts.js";
import { DAY_MS } from "../metrics/week.js";
import type { WeekCounts } from "../storage/rollups/read-week-counts.js";
import type { DayCount } from "./window-span.js";

/** A day (its midnight, ms) with open PRs that are not drafts, and how many. */
export interface ReadyDay {
  start: number;
  ready: number;
}

export interface OpenTotals {
  open: number;
  drafts: number;
  /** Oldest first, only days with ready PRs. */
  days: ReadyDay[];
}

/** Each day of the weeks' counts (of one repository, or all): when it began (ms), oldest first. */
function countedDays(weeks: readonly WeekCounts[], repoId?: number) {
  const days: { start: number; opened: number; open: number; drafts: number }[] = [];
  for (const { week, repositories } of weeks) {
    const counted = repositories.filter((one) => repoId === undefined || one.repoId === repoId);
    for (let day = 0; day < WEEK_DAYS; day += 1) {
      const sum = (kind: Counted) =>
        counted.reduce((total, { counts }) => total + countOf(counts, kind, day, day + 1), 0);
      days.push({
        start: week.getTime() + day * DAY_MS,
        opened: sum("opened"),
        open: sum("open"),
        drafts: sum("drafts"),
      });
    }
  }
  return days;
}

/** The open PRs counted in the weeks' counts (of one repository, or all), and the days they were opened. */
export function openTotals(weeks: readonly WeekCounts[], repoId?: number): OpenTotals {
  const totals: OpenTotals = { open: 0, drafts: 0, days: [] };
  for (const { start, open, drafts } of countedDays(weeks, repoId)) {
    totals.open += open;
    totals.drafts += drafts;
    if (open > drafts) totals.days.push({ start, ready: open - drafts });
  }
  return totals;
}

/** The PRs opened each day (of one repository, or all), newest day first, days with none left out. */
export function openedDays(weeks: readonly WeekCounts[], repoId?: number): DayCount[] {
  return countedDays(weeks, repoId)
    .filter((day) => day.opened > 0)
    .map(({ start, opened }) => ({ start, count: opened }))
    .reverse();
}
