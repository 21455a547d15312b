import fc from "fast-check";
import { ValueList } from "../../src/metrics/value-list.js";

describe("ValueList", () => {
  it("keeps every value pushed or appended, in order, as int32s until one does not fit", () => {
    const chunk = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => [value]),
      fc
        .array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 })
        .map((v) => Int32Array.from(v)),
      fc
        .array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 })
        .map((v) => Float64Array.from(v)),
      fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), (chunks) => {
        const list = new ValueList();
        const expected: number[] = [];
        for (const values of chunks) {
          if (Array.isArray(values) && values.length === 1) list.push(values[0]);
          else if (Array.isArray(values)) list.append(values);
          else {
            // A stored run's middle, as a part's values are read: [1, length − 1).
            list.appendRange(values, 1, Math.max(1, values.length - 1));
            expected.push(...Array.from(values.subarray(1, Math.max(1, values.length - 1))));
            continue;
          }
          expected.push(...Array.from(values));
        }
        const held = list.view();
        // An int32 list holds −0 as 0 (so did the stored int32s before it): equal as numbers.
        const plusZero = (value: number) => (value === 0 ? 0 : value);
        expect(Array.from(held, plusZero)).toEqual(expected.map(plusZero));
        expect(list.length).toBe(expected.length);
        expect(held instanceof Int32Array).toBe(expected.every((value) => (value | 0) === value));
      }),
      { numRuns: 300 },
    );
  });
});
