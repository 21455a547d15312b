import fc from "fast-check";
import { computeDoraColumns, STATUS_CODES, type ProductionColumns } from "../../src/metrics/dora-columns.js";

const HOUR = 3_600_000;
const since = new Date("2024-03-04T00:00:00Z");
const until = new Date("2024-04-01T00:00:00Z");
const at = (hours: number) => since.getTime() + hours * HOUR;

/** Pairs as stored (sorted by mergedAt) and the same pairs in another order. */
const pairs = fc
  .array(fc.tuple(fc.integer({ min: -48, max: 700 }), fc.integer({ min: 0, max: 300 })), { maxLength: 60 })
  .map((list) => list.map(([merged, took]) => [at(merged), at(merged - took)] as const));

describe("computeDoraColumns", () => {
  it("finds the deployment that ships each merge whatever order the pairs come in", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -10, max: 760 }), { maxLength: 30 }),
        pairs,
        fc.integer(),
        (hours, merges, seed) => {
          const created = Float64Array.from(hours.sort((a, b) => a - b).map(at));
          const production: ProductionColumns[] = [
            {
              repoId: 1,
              createdAt: created,
              deploymentId: created.map((_, index) => index + 1),
              status: Uint8Array.from(created, () => STATUS_CODES.success),
            },
          ];
          const sorted = [...merges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const shuffled = [...merges].sort((a, b) => ((a[0] ^ seed) % 7) - ((b[0] ^ seed) % 7));
          const answer = (list: (readonly [number, number])[]) =>
            computeDoraColumns({
              production,
              merges: [{ repoId: 1, pairs: Float64Array.from(list.flat()) }],
              since,
              until,
            });
          // The oracle: each merge in range, shipped by the first success at or after it.
          const leadTimes = sorted
            .filter(([merged]) => merged >= since.getTime() && merged < until.getTime())
            .flatMap(([merged, start]) => {
              const shipped = Array.from(created).find((time) => time >= merged);
              return shipped === undefined ? [] : [Math.max(0, (shipped - start) / HOUR)];
            })
            .sort((a, b) => a - b);
          const figure = answer(sorted).figures.leadTimeForChangesHours;
          if (leadTimes.length === 0) expect(figure).toBeNull();
          else {
            const middle = (leadTimes.length - 1) / 2;
            const median = (leadTimes[Math.floor(middle)] + leadTimes[Math.ceil(middle)]) / 2;
            expect(figure).toBeCloseTo(median, 1);
          }
          expect(answer(shuffled)).toEqual(answer(sorted));
        },
      ),
      { numRuns: 300 },
    );
  });
});
