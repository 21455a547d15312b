import { decodeCursor, encodeCursor } from "../ids.js";
import { GitHubGraphQLError } from "./errors.js";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function offset(cursor: string): number {
  const value = decodeCursor(cursor);
  if (value === undefined) {
    throw new GitHubGraphQLError(
      "INVALID_CURSOR_ARGUMENTS",
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return value;
}

/**
 * A GitHub connection over a list: `first`/`after` or `last`/`before` (their limits are checked before
 * execution, with the query's cost), opaque cursors, and nodes built only for the page returned.
 */
export function connection<T, N>(
  items: readonly T[],
  args: ConnectionArgs,
  toNode: (item: T) => N,
  extra: Record<string, unknown> = {},
) {
  let start = args.after ? offset(args.after) + 1 : 0;
  let end = args.before ? Math.min(items.length, offset(args.before)) : items.length;
  if (args.first !== null && args.first !== undefined) end = Math.min(end, start + args.first);
  if (args.last !== null && args.last !== undefined) start = Math.max(start, end - args.last);
  start = Math.min(start, items.length);
  end = Math.max(start, end);
  const page = items.slice(start, end);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length > 0 ? encodeCursor(start) : null,
      endCursor: page.length > 0 ? encodeCursor(end - 1) : null,
    },
    nodes: () => page.map(toNode),
    edges: () => page.map((item, i) => ({ cursor: encodeCursor(start + i), node: toNode(item) })),
    ...extra,
  };
}
