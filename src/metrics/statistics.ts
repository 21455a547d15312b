import { round2 } from "./arithmetic.js";
import { valuesAtRanks } from "./bucket-select.js";
import { selectInPlace, valueAfterRank, valueAtRank } from "./rank-select.js";
import type { ValueArray } from "./value-list.js";

/**
 * Distribution summaries (METRICS.md). Computed in JavaScript rather than with MongoDB's `$percentile`,
 * which not every MongoDB-compatible server has, so every deployment gives the same answer.
 */
export interface Summary {
  count: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
  mean: number | null;
}

/** The value `fraction` of the way from `low` to `high`: every percentile here interpolates so. */
const between = (low: number, high: number, fraction: number): number => low + (high - low) * fraction;

/**
 * The p-th percentile of ascending values by linear interpolation between closest ranks, rank =
 * p/100 × (n − 1) (numpy's default). Unrounded; the values must be non-empty and sorted.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return between(sorted[below], sorted[above], rank - below);
}

const present = (values: readonly (number | null | undefined)[]): number[] =>
  values.filter((value): value is number => typeof value === "number" && Number.isFinite(value));

/** The median of the non-null values, rounded; null when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const sorted = present(values).sort((a, b) => a - b);
  return sorted.length === 0 ? null : round2(percentile(sorted, 50));
}

/** count, median, p75, p90 and mean over the non-null values, each rounded to 2 decimals. */
export function summarize(values: readonly (number | null | undefined)[]): Summary {
  return summarizeRuns([Float64Array.from(present(values)).sort()]);
}

/**
 * Values are durations rounded to 2 decimals (METRICS.md), so their sum in hundredths is a whole number,
 * exact in any order: runs added up in any order give the same mean to the last bit.
 */
function hundredthsIn(runs: readonly ArrayLike<number>[]): number {
  let sum = 0;
  for (const run of runs)
    for (let index = 0; index < run.length; index += 1) sum += Math.round(run[index] * 100);
  return sum;
}

/**
 * The p-th percentile as `percentile` interpolates it, its two ranks selected from the runs; values
 * held in hundredths (`unit` 100) are turned back into the stored numbers before interpolating.
 */
function percentileOfRuns(
  runs: readonly ArrayLike<number>[],
  count: number,
  p: number,
  unit: number,
): number {
  const rank = (p / 100) * (count - 1);
  const below = Math.floor(rank);
  const lowAt = valueAtRank(runs, below);
  const low = lowAt / unit;
  const high = Math.ceil(rank) === below ? low : valueAfterRank(runs, below, lowAt) / unit;
  return between(low, high, rank - below);
}

/**
 * `summarize` over values held as runs, each sorted ascending (a stored rollup's values are one run):
 * the percentiles are selected across the runs rather than from one merged copy.
 */
export function summarizeRuns(runs: readonly ArrayLike<number>[]): Summary {
  const count = runs.reduce((total, run) => total + run.length, 0);
  if (count === 0) return { count: 0, median: null, p75: null, p90: null, mean: null };
  return { ...percentilesOfRuns(runs, count, 1), mean: round2(hundredthsIn(runs) / count / 100) };
}

function percentilesOfRuns(runs: readonly ArrayLike<number>[], count: number, unit: number) {
  return {
    count,
    median: round2(percentileOfRuns(runs, count, 50, unit)),
    p75: round2(percentileOfRuns(runs, count, 75, unit)),
    p90: round2(percentileOfRuns(runs, count, 90, unit)),
  };
}

/**
 * Where values past int32 are gathered to select in (rare: stored values are int32s), reused from one
 * summary to the next rather than allocated for each.
 */
let gathered = new Float64Array(4096);

function gatherRoom(count: number): Float64Array {
  if (gathered.length < count) gathered = new Float64Array(2 ** Math.ceil(Math.log2(count)));
  return gathered.subarray(0, count);
}

/** Below this many values per run on average, runs are gathered and selected in: cheaper than across them. */
const GATHER_PER_RUN = 64;

/**
 * `percentile` of values in hundredths, which `selectInPlace` reorders: its ranks selected in turn, each
 * in the part after the rank before (`from`), which holds every value above it.
 */
function percentileInPlace(values: Float64Array, p: number, from: number): { value: number; rank: number } {
  const rank = (p / 100) * (values.length - 1);
  const below = Math.floor(rank);
  const low = selectInPlace(values, below, from, values.length - 1);
  // The value at the next rank is the least of those after it, which selection left unordered.
  let high = low;
  if (Math.ceil(rank) !== below) {
    high = values[below + 1];
    for (let index = below + 2; index < values.length; index += 1)
      if (values[index] < high) high = values[index];
  }
  return { value: between(low / 100, high / 100, rank - below), rank: below };
}

/**
 * `summarize` over values in hundredths, in no order and in sorted runs, their sum given, as `summarize`
 * gives it over the numbers they stand for: many long runs (a year's totals) are selected across; a few
 * values per run (a person's year) are counted into buckets (`valuesAtRanks`), or past int32 gathered.
 */
export function summarizeValues(
  loose: ValueArray,
  runs: readonly ArrayLike<number>[],
  hundredths: number,
): Summary {
  let count = loose.length;
  for (const run of runs) count += run.length;
  if (count === 0) return { count: 0, median: null, p75: null, p90: null, mean: null };
  const mean = round2(hundredths / count / 100);
  if (runs.length > 0 && count - loose.length > GATHER_PER_RUN * runs.length)
    return { ...percentilesOfRuns([Float64Array.from(loose).sort(), ...runs], count, 100), mean };
  const arrays = [loose, ...runs];
  if (arrays.every((values) => values instanceof Int32Array))
    return { count, ...percentilesOfInts(arrays as Int32Array[], count), mean };
  const values = gatherRoom(count);
  let offset = 0;
  for (const run of arrays) {
    values.set(run, offset);
    offset += run.length;
  }
  const median = percentileInPlace(values, 50, 0);
  const p75 = percentileInPlace(values, 75, median.rank);
  const p90 = percentileInPlace(values, 90, p75.rank);
  return {
    count,
    median: round2(median.value),
    p75: round2(p75.value),
    p90: round2(p90.value),
    mean,
  };
}

/** The median, p75 and p90 of int32 hundredths, as `percentile` interpolates the numbers they stand for. */
function percentilesOfInts(arrays: readonly Int32Array[], count: number) {
  const at = [50, 75, 90].map((p) => (p / 100) * (count - 1));
  const values = valuesAtRanks(
    arrays,
    at.flatMap((rank) => [Math.floor(rank), Math.ceil(rank)]),
  );
  const [median, p75, p90] = at.map((rank, index) =>
    round2(between(values[index * 2] / 100, values[index * 2 + 1] / 100, rank - Math.floor(rank))),
  );
  return { median, p75, p90 };
}
