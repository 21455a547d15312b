import { median, percentile, summarize } from "../../src/metrics/statistics.js";

describe("summarize", () => {
  it("matches numpy's linear percentiles for an even count", () => {
    // n = 4, rank = p/100 × 3: p50 → 1.5 → 2 + 0.5 × 1; p75 → 2.25 → 3 + 0.25; p90 → 2.7 → 3 + 0.7
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, median: 2.5, p75: 3.25, p90: 3.7, mean: 2.5 });
  });

  it("matches numpy for an odd count", () => {
    // sorted [1, 3, 5], rank = p/100 × 2: p50 → 1 → 3; p75 → 1.5 → 3 + 0.5 × 2 = 4; p90 → 1.8 → 3 + 0.8 × 2
    expect(summarize([5, 1, 3])).toEqual({ count: 3, median: 3, p75: 4, p90: 4.6, mean: 3 });
  });

  it("matches numpy over 1..10", () => {
    // rank = p/100 × 9: p50 → 4.5 → 5.5; p75 → 6.75 → 7.75; p90 → 8.1 → 9.1; mean 55 / 10
    expect(summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
      count: 10,
      median: 5.5,
      p75: 7.75,
      p90: 9.1,
      mean: 5.5,
    });
  });

  it("gives the value itself for one value", () => {
    expect(summarize([7.5])).toEqual({ count: 1, median: 7.5, p75: 7.5, p90: 7.5, mean: 7.5 });
  });

  it("skips nulls and gives null statistics with no values", () => {
    // [10, 20]: p50 → rank 0.5 → 15; p75 → 0.75 → 17.5; p90 → 0.9 → 19
    expect(summarize([null, 10, undefined, 20])).toEqual({
      count: 2,
      median: 15,
      p75: 17.5,
      p90: 19,
      mean: 15,
    });
    const empty = { count: 0, median: null, p75: null, p90: null, mean: null };
    expect(summarize([])).toEqual(empty);
    expect(summarize([null, null])).toEqual(empty);
  });

  it("keeps zeros, which are values", () => {
    // [0, 0, 3]: p50 → rank 1 → 0; p75 → 1.5 → 0 + 0.5 × 3 = 1.5; p90 → 1.8 → 2.4; mean 1
    expect(summarize([0, null, 0, 3])).toEqual({ count: 3, median: 0, p75: 1.5, p90: 2.4, mean: 1 });
  });

  it("rounds each statistic to 2 decimals, half up", () => {
    // [1, 1, 2]: mean 4/3 = 1.333… → 1.33; p90 → rank 1.8 → 1 + 0.8 = 1.8; p75 → 1.5
    expect(summarize([1, 2, 1])).toEqual({ count: 3, median: 1, p75: 1.5, p90: 1.8, mean: 1.33 });
    // 1.005 is 1.00499999… in binary; the rounding still takes it as a half
    expect(summarize([1.005]).median).toBe(1.01);
    // [0.1, 0.2, 0.4]: mean 0.7 / 3 = 0.2333… → 0.23; p90 → rank 1.8 → 0.2 + 0.8 × 0.2 = 0.36
    expect(summarize([0.4, 0.1, 0.2])).toEqual({ count: 3, median: 0.2, p75: 0.3, p90: 0.36, mean: 0.23 });
  });
});

describe("percentile and median", () => {
  it("interpolates without rounding", () => {
    expect(percentile([0, 1], 1 / 3)).toBeCloseTo(1 / 300, 12); // rank (1/3)/100 × 1
  });

  it("medians non-null values, null with none", () => {
    expect(median([3, null, 1])).toBe(2); // [1, 3] → rank 0.5 → 2
    expect(median([null])).toBeNull();
  });
});
