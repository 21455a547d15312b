import { FIRST_SPAN_MS, MIN_SPAN_MS, firstSpan, nextSpan, paceOf } from "../../src/query/window-span.js";

const HOUR = 3_600_000;

describe("the PR list's window spans", () => {
  it("start at an hour without a pace, and at the room for a page at the pace given", () => {
    expect(firstSpan(51, undefined)).toBe(FIRST_SPAN_MS);
    expect(firstSpan(40, 10_000)).toBe(40 * 10_000 * 1.25);
    expect(firstSpan(51, 0)).toBe(MIN_SPAN_MS);
  });

  it("size the next window for the rows missing at the pace found", () => {
    // 20 rows in an hour, 31 missing: 31 × 3 minutes, plus a quarter.
    expect(nextSpan(HOUR, HOUR, 20, 31)).toBe(31 * 180_000 * 1.25);
  });

  it("leave out the quiet stretch before the newest row, but never more than fifteen sixteenths", () => {
    // Ten hours read, the 20 rows all in the last three: a row every 9 minutes, not every 30.
    expect(nextSpan(10 * HOUR, 3 * HOUR, 20, 10)).toBe(10 * 540_000 * 1.25);
    // The one row at the far edge: paced as a sixteenth of what was read.
    expect(nextSpan(16 * HOUR, 0, 1, 2)).toBe(2 * HOUR * 1.25);
  });

  it("grow eightfold past an empty stretch, and at most sixteenfold past a sparse one", () => {
    expect(nextSpan(HOUR, HOUR, 0, 51)).toBe(8 * HOUR);
    expect(nextSpan(HOUR, HOUR, 1, 500)).toBe(16 * HOUR);
    expect(nextSpan(1, 1, 1, 1)).toBe(MIN_SPAN_MS);
  });

  it("take a page's pace from its first and last rows", () => {
    const at = (ms: number) => new Date(ms);
    expect(paceOf([at(10_000), at(7000), at(4000)])).toBe(3000);
    expect(paceOf([at(10_000)])).toBeUndefined();
    expect(paceOf([])).toBeUndefined();
  });
});
