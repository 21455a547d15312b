import type { Aggregate, GroupBy } from "./aggregate.js";
import { noteName, type PersonName } from "./rollup-build.js";
import { addPart, emptyPart, groupOfPart, type RollupPart } from "./rollup-part.js";
import { weekKeysBetween } from "./week.js";

/** A part of one group: a stored rollup's, or one computed from the PRs of a partial week. */
export interface RollupPiece {
  key: string;
  part: RollupPart;
}

/**
 * The aggregates of METRICS.md from parts: each group's parts added up (into its first, which is
 * changed), then its figures built. Gives
 * what `aggregatePullRequests` gives over the same PRs when the parts cover [since, until) once each.
 * People are keyed by account and shown by the name `noteName` keeps; every week overlapping the range
 * gets a group, and no grouping one group `all`, as there.
 */
export function aggregateParts(
  options: { since: Date; until: Date; groupBy: GroupBy },
  pieces: Iterable<RollupPiece>,
  names: Iterable<PersonName>,
): Aggregate {
  const { since, until, groupBy } = options;
  const parts = new Map<string, RollupPart>();
  // A group's first piece is taken as its sum (pieces are the caller's fresh parts): a year's values are
  // copied once, not once more here.
  for (const { key, part } of pieces) {
    const into = parts.get(key);
    if (into) addPart(into, part);
    else parts.set(key, part);
  }
  const shown = new Map<string, PersonName>();
  for (const name of names) noteName(shown, name);
  const nameOf = (key: string) =>
    groupBy === "author" || groupBy === "reviewer" ? (shown.get(key)?.login ?? key) : key;
  const fixedKeys = groupBy === "week" ? weekKeysBetween(since, until) : groupBy === "none" ? ["all"] : [];
  const keys = [...new Set([...fixedKeys, ...parts.keys()])];
  const groups = keys.map((key) => groupOfPart(nameOf(key), parts.get(key) ?? emptyPart()));
  return {
    since,
    until,
    groupBy,
    groups: groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}
