import type { CursorPosition } from "./cursor.js";
import { firstSpan, nextSpan } from "./window-span.js";

/**
 * A bound on `createdAt` as the embedded server plans it: one range on the index's trailing field, and
 * never `$lte`, which it answers short on a compound index (see the PR model's list indexes).
 */
export type CreatedRange = { $gte?: Date; $lt?: Date };

export interface Listed {
  createdAt: Date;
  prId: number;
}

export interface NewestFirstQuery<T extends Listed> {
  /** Reads the rows in `createdAt` range, newest first; `limit` is a hint (rows past it are not needed). */
  read: (createdAt: CreatedRange, limit: number | undefined) => Promise<T[]>;
  /** Filters the index does not serve, applied to what `read` returns. */
  keep?: (row: T) => boolean;
  /** Rows wanted. */
  count: number;
  /** Where the previous page ended, and the pace it showed (which sizes the first window). */
  after?: CursorPosition;
  since?: Date;
  until?: Date;
  now: Date;
  /**
   * Where the first window may end instead, when the caller knows (from stored counts) how far back a
   * page of rows reaches: called with the window's upper end (ms).
   */
  firstLower?: (top: number) => number | undefined;
}

/** No pull request is older than GitHub: the oldest window ends here. */
const GITHUB_LAUNCH = new Date("2008-01-01T00:00:00Z");

const newestFirst = (a: Listed, b: Listed) =>
  b.createdAt.getTime() - a.createdAt.getTime() || b.prId - a.prId;

const isAfter = (row: Listed, position: CursorPosition) =>
  row.createdAt < position.createdAt ||
  (row.createdAt.getTime() === position.createdAt.getTime() && row.prId < position.prId);

/**
 * The first window's upper bound: just past the cursor's time (its ties, which the cursor's prId splits,
 * are read and sorted out here; times are whole milliseconds), else `until`, else none.
 */
function upperBound(query: { after?: CursorPosition; until?: Date }): { $lt?: Date } {
  const pastCursor = query.after ? new Date(query.after.createdAt.getTime() + 1) : undefined;
  if (pastCursor && !(query.until && query.until < pastCursor)) return { $lt: pastCursor };
  return query.until ? { $lt: query.until } : {};
}

/**
 * Keyset paging newest first by (createdAt, prId) in windows of `createdAt`: each read asks one range of an
 * index led by the filters' equalities, and the windows reach further back in time until the page is full
 * or no older PR can exist. A single read "everything before the cursor, sorted, limited" is what MongoDB
 * would plan well, but the embedded server materialises every document of a range before it sorts and
 * limits, so an unbounded range costs the whole history on every page. The first window is sized from the
 * previous page's pace (an hour without one), each next one from the rows found so far
 * (src/query/window-span.ts): a page reads about the PRs it shows, however dense the organisation.
 */
export async function listNewestFirst<T extends Listed>(query: NewestFirstQuery<T>): Promise<T[]> {
  const floor = Math.max(query.since?.getTime() ?? GITHUB_LAUNCH.getTime(), GITHUB_LAUNCH.getTime());
  let upper = upperBound(query);
  const top = upper.$lt?.getTime() ?? query.now.getTime();
  const rows: T[] = [];
  let first = true;
  let lower = query.firstLower?.(top) ?? top - firstSpan(query.count, query.after?.paceMs);
  for (;;) {
    const from = Math.max(lower, floor);
    const range: CreatedRange = { $gte: new Date(from), ...upper };
    // A limit may cut rows a later filter drops (the cursor's ties, `keep`): ask all of such a window.
    const exact = !query.keep && !(query.after && first);
    const found = (await query.read(range, exact ? query.count - rows.length : undefined))
      .filter((row) => (query.keep ? query.keep(row) : true))
      .filter((row) => !query.after || isAfter(row, query.after))
      .sort(newestFirst);
    rows.push(...found.slice(0, query.count - rows.length));
    if (rows.length >= query.count || from <= floor) return rows;
    upper = { $lt: new Date(from) };
    first = false;
    const newest = rows[0]?.createdAt.getTime() ?? top;
    lower = from - nextSpan(top - from, newest - from, rows.length, query.count - rows.length);
  }
}
