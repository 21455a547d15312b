import type { CursorPosition } from "./cursor.js";

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
  after?: CursorPosition;
  since?: Date;
  until?: Date;
  now: Date;
}

const DAY_MS = 86_400_000;
/** No pull request is older than GitHub: the oldest window ends here. */
const GITHUB_LAUNCH = new Date("2008-01-01T00:00:00Z");
const FIRST_SPAN_MS = DAY_MS;
const MAX_GROWTH = 16;

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

/** How far back the next window reaches: as far as the rows found so far suggest, within bounds. */
function nextSpan(span: number, found: number, missing: number): number {
  if (found === 0) return span * 4;
  return span * Math.min(MAX_GROWTH, Math.max(2, (missing / found) * 1.25));
}

/**
 * Keyset paging newest first by (createdAt, prId) in windows of `createdAt`: each read asks one range of an
 * index led by the filters' equalities, beginning a day back and reaching further back in time until the
 * page is full or no older PR can exist. A single read "everything before the cursor, sorted, limited" is
 * what MongoDB would plan well, but the embedded server materialises every document of a range before it
 * sorts and limits, so an unbounded range costs the whole history on every page. Windows keep a page's cost
 * to about the PRs it shows, on both.
 */
export async function listNewestFirst<T extends Listed>(query: NewestFirstQuery<T>): Promise<T[]> {
  const floor = Math.max(query.since?.getTime() ?? GITHUB_LAUNCH.getTime(), GITHUB_LAUNCH.getTime());
  const top = query.after?.createdAt ?? query.until ?? query.now;
  const rows: T[] = [];
  let upper = upperBound(query);
  let first = true;
  let span = FIRST_SPAN_MS;
  let lower = top.getTime() - span;
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
    span = nextSpan(span, found.length, query.count - rows.length);
    lower = from - span;
  }
}
