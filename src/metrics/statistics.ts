import { round2 } from "./arithmetic.js";

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

/**
 * The p-th percentile of ascending values by linear interpolation between closest ranks, rank =
 * p/100 × (n − 1) (numpy's default). Unrounded; the values must be non-empty and sorted.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
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
  return summarizeSorted(present(values).sort((a, b) => a - b));
}

/**
 * `summarize` over values already present and sorted ascending (a Float64Array sorts numerically and
 * fast: rollups merge tens of thousands of values). Summed in ascending order, as `summarize` does, so
 * the mean is the same to the last bit.
 */
export function summarizeSorted(sorted: ArrayLike<number>): Summary {
  if (sorted.length === 0) return { count: 0, median: null, p75: null, p90: null, mean: null };
  let sum = 0;
  for (let index = 0; index < sorted.length; index += 1) sum += sorted[index];
  return {
    count: sorted.length,
    median: round2(percentile(sorted, 50)),
    p75: round2(percentile(sorted, 75)),
    p90: round2(percentile(sorted, 90)),
    mean: round2(sum / sorted.length),
  };
}
