import { countOf, WEEK_DAYS } from "../metrics/week-counts.js";
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

/** The open PRs counted in the weeks' counts (of one repository, or all), and the days they were opened. */
export function openTotals(weeks: readonly WeekCounts[], repoId?: number): OpenTotals {
  const totals: OpenTotals = { open: 0, drafts: 0, days: [] };
  for (const { week, repositories } of weeks) {
    const counted = repositories.filter((one) => repoId === undefined || one.repoId === repoId);
    for (let day = 0; day < WEEK_DAYS; day += 1) {
      let open = 0;
      let drafts = 0;
      for (const { counts } of counted) {
        open += countOf(counts, "open", day, day + 1);
        drafts += countOf(counts, "drafts", day, day + 1);
      }
      totals.open += open;
      totals.drafts += drafts;
      if (open > drafts) totals.days.push({ start: week.getTime() + day * DAY_MS, ready: open - drafts });
    }
  }
  return totals;
}

/** The PRs opened each day (of one repository, or all), newest day first, days with none left out. */
export function openedDays(weeks: readonly WeekCounts[], repoId?: number): DayCount[] {
  const days: DayCount[] = [];
  for (const { week, repositories } of weeks) {
    for (let day = 0; day < WEEK_DAYS; day += 1) {
      let count = 0;
      for (const { repoId: id, counts } of repositories)
        if (repoId === undefined || id === repoId) count += countOf(counts, "opened", day, day + 1);
      if (count > 0) days.push({ start: week.getTime() + day * DAY_MS, count });
    }
  }
  return days.sort((a, b) => b.start - a.start);
}
