import { checkCompleteness, samplePullNumbers } from "../../bench/completeness.js";
import { mapPool } from "../../bench/pool.js";
import { meets, per100, ratio, requestEquivalents, totalRequests } from "../../bench/stats.js";
import { formatNumber, formatRatio, formatTable } from "../../bench/table.js";

describe("bench helpers", () => {
  it("formats a table whose columns line up", () => {
    const table = formatTable(
      ["metric", "value"],
      [
        ["requests / 100 PRs", "7,272"],
        ["points", "9"],
      ],
    );
    expect(table.split("\n")).toEqual([
      "| metric             | value |",
      "|--------------------|-------|",
      "| requests / 100 PRs | 7,272 |",
      "| points             | 9     |",
    ]);
  });

  it("formats numbers and ratios", () => {
    expect(formatNumber(7272)).toBe("7,272");
    expect(formatNumber(1.5, 2)).toBe("1.50");
    expect(formatRatio(27.43)).toBe("27.4×");
    expect(formatRatio(1.234)).toBe("1.23×");
    expect(formatRatio(null)).toBe("—");
  });

  it("counts requests and budget, per 100 PRs, against targets", () => {
    const cost = { restRequests: 1, graphqlRequests: 288, graphqlPoints: 688 };
    expect(totalRequests(cost)).toBe(289);
    expect(requestEquivalents(cost)).toBe(689);
    expect(per100(289, 1000)).toBeCloseTo(28.9);
    expect(ratio(7272, 289)).toBeCloseTo(25.16, 2);
    expect(ratio(1, 0)).toBeNull();
    expect(meets(25.2, { kind: "atLeast", value: 25 })).toBe(true);
    expect(meets(1.6, { kind: "atMost", value: 1.5 })).toBe(false);
    expect(meets(null, { kind: "atMost", value: 1.5 })).toBe(false);
  });

  it("samples PR numbers evenly, first and last included", () => {
    expect(samplePullNumbers(1000, 5)).toEqual([1, 251, 501, 750, 1000]);
    expect(samplePullNumbers(3, 5)).toEqual([1, 2, 3]);
  });

  it("reports missing PRs and short lists", async () => {
    const expected = () => ({
      commits: 3,
      files: 120,
      reviews: 2,
      reviewComments: 0,
      issueComments: 1,
      timeline: 9,
      checkRuns: 4,
    });
    const check = await checkCompleteness([1, 2, 3], expected, async (n) =>
      n === 1 ? null : { commits: 3, files: n === 2 ? 100 : 120 },
    );
    expect(check).toEqual({
      sampled: 3,
      matching: 1,
      mismatches: ["#1 missing or not dataComplete", "#2 files: 100 of 120"],
    });
  });

  it("keeps at most `concurrency` calls in flight and the results in order", async () => {
    let running = 0;
    let most = 0;
    const results = await mapPool([5, 1, 4, 2, 3], 2, async (value) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, value));
      running -= 1;
      return value * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
