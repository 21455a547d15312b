import { DAY_MS } from "../metrics/week.js";
import type { ReadyDay } from "./counted-days.js";
import { MIN_SPAN_MS } from "./window-span.js";

export interface OpenRow {
  createdAt: Date;
  prId: number;
  draft: boolean;
}

const oldestFirst = (a: OpenRow, b: OpenRow) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.prId - b.prId;

/** Headroom on a window's estimate, so one window usually holds what is missing. */
const HEADROOM = 1.25;

/**
 * The `count` oldest open PRs that are not drafts, read in windows of `createdAt` from the oldest day
 * that has any: each window sized from its day's count to hold about the rows still missing, so a read
 * takes about `count` PRs however many are open (the embedded server materialises every PR a window
 * holds before any limit applies).
 */
export async function readOldestReady<T extends OpenRow>(
  read: (createdAt: { $gte: Date; $lt: Date }) => Promise<T[]>,
  days: readonly ReadyDay[],
  count: number,
): Promise<T[]> {
  const rows: T[] = [];
  for (const day of days) {
    const end = day.start + DAY_MS;
    let from = day.start;
    let left = day.ready;
    while (rows.length < count && from < end && left > 0) {
      const missing = count - rows.length;
      const span = missing >= left ? end - from : ((end - from) * missing * HEADROOM) / left;
      const to = Math.min(end, from + Math.max(MIN_SPAN_MS, span));
      const found = (await read({ $gte: new Date(from), $lt: new Date(to) }))
        .filter((row) => !row.draft)
        .sort(oldestFirst);
      rows.push(...found);
      left -= found.length;
      from = to;
    }
    if (rows.length >= count) break;
  }
  return rows.slice(0, count);
}
