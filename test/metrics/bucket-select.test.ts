import fc from "fast-check";
import { valuesAtRanks } from "../../src/metrics/bucket-select.js";

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
/** Spread over all of int32, bunched in a narrow range, or heavy-tailed as durations are. */
const value = fc.oneof(int32, fc.integer({ min: 990, max: 1010 }), fc.integer({ min: 0, max: 40 }), fc.nat());

describe("valuesAtRanks", () => {
  it("gives what a sorted copy has at each rank, across arrays", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { maxLength: 200 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (lists, at) => {
          const arrays = lists.map((list) => Int32Array.from(list));
          const sorted = Int32Array.from(lists.flat()).sort();
          fc.pre(sorted.length > 0);
          const ranks = at
            .map((fraction) => Math.min(sorted.length - 1, Math.floor(fraction * sorted.length)))
            .sort((a, b) => a - b);
          expect(valuesAtRanks(arrays, ranks)).toEqual(ranks.map((rank) => sorted[rank]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("selects among values all equal, and at int32's ends", () => {
    const same = new Int32Array(5000).fill(-7);
    expect(valuesAtRanks([same], [0, 2500, 4999])).toEqual([-7, -7, -7]);
    const ends = Int32Array.of(2 ** 31 - 1, -(2 ** 31), 0, 2 ** 31 - 1);
    expect(valuesAtRanks([ends, Int32Array.of()], [0, 1, 2, 3])).toEqual([
      -(2 ** 31),
      0,
      2 ** 31 - 1,
      2 ** 31 - 1,
    ]);
  });
});
