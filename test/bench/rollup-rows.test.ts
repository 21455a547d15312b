import { rollupRows } from "../../bench/rollup-rows.js";

describe("the bench's rollup-upkeep row", () => {
  const result = { prs: 2000, pageSize: 50, storeMs: 60_000, upkeepMs: 5_000, rollups: 54 };

  it("shows the upkeep as a share of storing without it, judged against 20 %", () => {
    expect(rollupRows(result)).toEqual([
      [
        "rollup-upkeep (2,000 PRs, pages of 50, 54 rollups)",
        "5.00 s of 60.00 s storing",
        "55.00 s without upkeep",
        "+9.1 %",
        "≤ 20 %",
        "pass",
      ],
    ]);
    expect(rollupRows({ ...result, upkeepMs: 15_000 })[0].slice(3)).toEqual(["+33.3 %", "≤ 20 %", "FAIL"]);
  });

  it("shows an error row when the measurement failed", () => {
    expect(rollupRows(undefined, "database down\nstack")).toEqual([
      ["rollup-upkeep", "error: database down", "—", "—", "—", "error"],
    ]);
  });
});
