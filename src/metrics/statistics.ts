import { round2 } from "./arithmetic.js";
import { selectInPlace, valueAfterRank, valueAtRank, type Gathered } from "./rank-select.js";

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
 * Where values are gathered, reused from one summary to the next: a year of people is a thousand
 * summaries, and a fresh array for each (zeroed, then collected) cost more than selecting in it. Int32s
 * when every value fits, as stored ones do: copied from stored runs byte for byte, and compared faster.
 */
let gatheredInts = new Int32Array(4096);
let gatheredNumbers = new Float64Array(4096);

const room = (count: number) => 2 ** Math.ceil(Math.log2(count));
const isInt32 = (value: number) => (value | 0) === value;

function gatherRoom(count: number, loose: readonly number[], runs: readonly ArrayLike<number>[]): Gathered {
  if (loose.every(isInt32) && runs.every((run) => run instanceof Int32Array)) {
    if (gatheredInts.length < count) gatheredInts = new Int32Array(room(count));
    return gatheredInts.subarray(0, count);
  }
  if (gatheredNumbers.length < count) gatheredNumbers = new Float64Array(room(count));
  return gatheredNumbers.subarray(0, count);
}

/** Below this many values per run on average, runs are gathered and selected in: cheaper than across them. */
const GATHER_PER_RUN = 64;

/**
 * `percentile` of values in hundredths, which `selectInPlace` reorders: its ranks selected in turn, each
 * in the part after the rank before (`from`), which holds every value above it.
 */
function percentileInPlace(values: Gathered, p: number, from: number): { value: number; rank: number } {
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
 * gives it over the numbers they stand for: a person's year is fifty runs of a few values each, where
 * gathering them and selecting the ranks costs less than sorting them or selecting across the runs.
 */
export function summarizeValues(
  loose: readonly number[],
  runs: readonly ArrayLike<number>[],
  hundredths: number,
): Summary {
  let count = loose.length;
  for (const run of runs) count += run.length;
  if (count === 0) return { count: 0, median: null, p75: null, p90: null, mean: null };
  const mean = round2(hundredths / count / 100);
  if (runs.length > 0 && count - loose.length > GATHER_PER_RUN * runs.length)
    return { ...percentilesOfRuns([Float64Array.from(loose).sort(), ...runs], count, 100), mean };
  const values = gatherRoom(count, loose, runs);
  values.set(loose);
  let offset = loose.length;
  for (const run of runs) {
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
