import { DAY_MS } from "../metrics/week.js";

/**
 * How wide the PR list's next window of `createdAt` is (src/query/newest-first.ts). Pure: the spans
 * follow the rows a page needs, not the organisation's density, so a page reads about a page of PRs
 * whether an organisation opens five PRs a week or seven hundred a day.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** With no pace known, the first window: an hour holds a page only for the busiest organisations. */
export const FIRST_SPAN_MS = HOUR_MS;
/** Never narrower: a burst of PRs in one instant must not make the windows crawl. */
export const MIN_SPAN_MS = MINUTE_MS;
/** A window found empty says nothing about density: the next reaches this many times further back. */
const EMPTY_GROWTH = 8;
/** The most a window may outgrow the time already read, so one sparse stretch cannot pull in years. */
const MAX_GROWTH = 16;
/** Headroom on an estimate, so that a page is usually full after one more window, not two. */
const HEADROOM = 1.25;

/** The first window: wide enough for `count` rows at the pace the previous page showed, if known. */
export function firstSpan(count: number, paceMs: number | undefined): number {
  if (paceMs === undefined) return FIRST_SPAN_MS;
  return Math.max(MIN_SPAN_MS, paceMs * count * HEADROOM);
}

/** A day (its midnight, ms) and how many PRs of a list were opened on it. */
export interface DayCount {
  start: number;
  count: number;
}

/**
 * The first window's lower bound when the list's PRs per day are known (newest day first, none at or
 * after `top`): far enough back to hold `count` rows with headroom, each day taken at its own pace.
 * Undefined when the days hold fewer: the windows then grow as without counts.
 */
export function lowerFromCounts(days: readonly DayCount[], top: number, count: number): number | undefined {
  let needed = count * HEADROOM;
  for (const day of days) {
    const end = Math.min(top, day.start + DAY_MS);
    if (day.count >= needed)
      return Math.min(top - MIN_SPAN_MS, end - ((end - day.start) * needed) / day.count);
    needed -= day.count;
  }
  return undefined;
}

/**
 * The next window, from what the windows so far held: `covered` ms read, of which `paced` ms from the
 * newest row found down (a stretch before it, where nothing was opened, says nothing of the pace),
 * `found` rows kept there, and `missing` rows still wanted. The next window is sized to hold the missing
 * rows at that pace, within MAX_GROWTH of what was covered. `paced` is held to at least a sixteenth of
 * `covered`, so rows found only at a window's far edge cannot shrink the windows to a crawl (and a window
 * that then finds nothing grows the next eightfold).
 */
export function nextSpan(covered: number, paced: number, found: number, missing: number): number {
  if (found === 0) return Math.max(MIN_SPAN_MS, covered * EMPTY_GROWTH);
  const estimate = (Math.max(paced, covered / 16) / found) * missing * HEADROOM;
  return Math.max(MIN_SPAN_MS, Math.min(covered * MAX_GROWTH, estimate));
}

/**
 * The pace a page showed, in ms per row, for the next page's first window: the time between its first
 * and last rows over the gaps between them. Undefined for fewer than two rows, which show no pace.
 */
export function paceOf(times: readonly Date[]): number | undefined {
  if (times.length < 2) return undefined;
  const first = times[0].getTime();
  const last = times[times.length - 1].getTime();
  return Math.abs(first - last) / (times.length - 1);
}
