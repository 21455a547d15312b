import fc from "fast-check";
import { selectInPlace, valueAfterRank, valueAtRank } from "../../src/metrics/rank-select.js";
import { percentile, summarize, summarizeRuns, summarizeValues } from "../../src/metrics/statistics.js";

/** Durations as stored: whole hundredths, with many repeats (a team's PRs often take the same time). */
const hundredths = (max: number) => fc.integer({ min: 0, max }).map((k) => k / 100);
const run = (max: number, length: number) =>
  fc.array(hundredths(max), { maxLength: length }).map((values) => Float64Array.from(values).sort());

const merged = (runs: readonly Float64Array[]) =>
  Float64Array.from(runs.flatMap((values) => [...values])).sort();

describe("valueAtRank", () => {
  it("finds every rank a merged copy has, past the size where it stops merging", () => {
    fc.assert(
      fc.property(
        fc.array(run(500, 400), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (runs, at) => {
          const all = merged(runs);
          fc.pre(all.length > 0);
          const rank = Math.min(all.length - 1, Math.floor(at * all.length));
          const value = valueAtRank(runs, rank);
          expect(value).toBe(all[rank]);
          if (rank + 1 < all.length) expect(valueAfterRank(runs, rank, value)).toBe(all[rank + 1]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("selects among a thousand runs of one value each and of none", () => {
    const runs = Array.from({ length: 3000 }, (_, index) =>
      index % 3 === 0 ? new Float64Array() : Float64Array.of(3000 - index),
    );
    const all = merged(runs);
    expect(valueAtRank(runs, 0)).toBe(all[0]);
    expect(valueAtRank(runs, 1500)).toBe(all[1500]);
    expect(valueAtRank(runs, all.length - 1)).toBe(all[all.length - 1]);
  });
});

describe("summarizeRuns", () => {
  it("gives what summarize gives over the same values, however they are split", () => {
    fc.assert(
      fc.property(fc.array(run(100_000, 3000), { maxLength: 12 }), (runs) => {
        const all = [...merged(runs)];
        expect(summarizeRuns(runs)).toEqual(summarize(all));
        if (all.length > 0) expect(summarizeRuns(runs).p90).toBe(summarize(all).p90);
      }),
      { numRuns: 100 },
    );
  });

  it("interpolates percentiles as the merged values do", () => {
    const runs = [Float64Array.of(1, 5, 9), Float64Array.of(2, 4, 10, 20)];
    // merged: 1 2 4 5 9 10 20; p75 → rank 4.5 → 9 + 0.5 × 1 = 9.5
    expect(summarizeRuns(runs).p75).toBe(percentile(merged(runs), 75));
    expect(summarizeRuns(runs).p75).toBe(9.5);
  });
});

describe("selectInPlace and summarizeValues", () => {
  it("selects every rank a sorted copy has, in any order of values", () => {
    fc.assert(
      fc.property(
        fc.array(hundredths(300), { minLength: 1, maxLength: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, at) => {
          const sorted = Float64Array.from(values).sort();
          const rank = Math.min(values.length - 1, Math.floor(at * values.length));
          const reordered = Float64Array.from(values);
          expect(selectInPlace(reordered, rank, 0, values.length - 1)).toBe(sorted[rank]);
          expect(reordered.subarray(0, rank).every((value) => value <= sorted[rank])).toBe(true);
          expect(reordered.subarray(rank + 1).every((value) => value >= sorted[rank])).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("selects in orders that defeat median-of-three pivots, by sorting what is left", () => {
    // Organ-pipe and sawtooth orders, and all equal: each round may drop only a few values.
    const pipe = Float64Array.from({ length: 4001 }, (_, i) => Math.min(i, 4000 - i));
    const saw = Float64Array.from({ length: 4000 }, (_, i) => i % 7);
    const flat = new Float64Array(3000).fill(2.5);
    for (const values of [pipe, saw, flat]) {
      const sorted = Float64Array.from(values).sort();
      for (const rank of [0, 1, values.length >> 1, values.length - 1])
        expect(selectInPlace(Float64Array.from(values), rank, 0, values.length - 1)).toBe(sorted[rank]);
    }
  });

  it("gives what summarize gives over the values their hundredths stand for, gathered or selected across", () => {
    const inHundredths = (values: ArrayLike<number>) =>
      Array.from(values, (value) => Math.round(value * 100));
    fc.assert(
      fc.property(
        fc.array(hundredths(100_000), { maxLength: 300 }),
        fc.array(run(100_000, 200), { maxLength: 60 }),
        fc.boolean(),
        (loose, runs, wide) => {
          const all = [...loose, ...merged(runs)];
          const sum = inHundredths(all).reduce((total, value) => total + value, 0);
          // Stored runs are int32s, or float64s where a value did not fit.
          const stored = runs.map((values) => (wide ? Float64Array : Int32Array).from(inHundredths(values)));
          const held = (wide ? Float64Array : Int32Array).from(inHundredths(loose));
          expect(summarizeValues(held, stored, sum)).toEqual(summarize(all));
        },
      ),
      { numRuns: 200 },
    );
  });
});
