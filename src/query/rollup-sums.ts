import type { GroupBy } from "../metrics/aggregate.js";
import { noteName, type PersonName, type RollupSlice } from "../metrics/rollup-build.js";
import { emptyPart, type RollupPart } from "../metrics/rollup-part.js";
import type { RollupSliceDocument } from "../storage/models/rollup-slice.js";
import { addFlatPart, type FlatParts, type PackedPeople } from "../storage/rollups/codec.js";

/** What a grouping reads of a rollup: everyone's part, or one list of people. */
export const PARTS = {
  none: "total",
  week: "total",
  repo: "total",
  author: "authors",
  reviewer: "reviewers",
} as const satisfies Record<GroupBy, keyof RollupSlice>;

/** A repository-week's stored days of one kind. */
export type StoredDays = Pick<RollupSliceDocument, "repoId" | "data">;

/**
 * Parts added up per group while rollups are read: a year of people is tens of thousands of parts,
 * added straight from their stored bytes rather than built one by one.
 */
export interface Sums {
  parts: Map<string, RollupPart>;
  names: Map<string, PersonName>;
  /** Each edge week's stored days, by kind and Monday (ms). */
  days: Map<string, Promise<StoredDays[]>>;
}

function sumOf(sums: Sums, key: string): RollupPart {
  const found = sums.parts.get(key);
  if (found) return found;
  const part = emptyPart();
  sums.parts.set(key, part);
  return part;
}

/** Adds a stored part to its group's sum, its values kept as views of the stored bytes (sorted runs). */
export function addStored(sums: Sums, key: string, flat: FlatParts, offset: number): number {
  return addFlatPart(sumOf(sums, key), flat, offset, true);
}

/** The group key of a repository-week's total; a repository's id until its name is looked up. */
export type TotalKey = (repoId: number, week: Date) => string;

/**
 * Adds each person's part of a stored list of people to their group's sum, values copied: a person's
 * year is fifty short runs, counted into buckets together (`valuesAtRanks`), and a view per run cost
 * the collector more than the copy.
 */
export function addPeople(sums: Sums, people: PackedPeople): void {
  let offset = 0;
  for (const [key, login, at] of people.names) {
    offset = addFlatPart(sumOf(sums, key), people.parts, offset);
    noteName(sums.names, { key, login, at });
  }
}
