import { aggregatePullRequests } from "../../src/metrics/aggregate.js";
import { at, storedPr } from "./fixtures.js";

const byWeek = (prs: Parameters<typeof aggregatePullRequests>[0], since: string, until: string) =>
  aggregatePullRequests(prs, { since: at(since), until: at(until), groupBy: "week" }).groups;

describe("aggregatePullRequests by week", () => {
  it("puts a merged PR in its mergedAt week and an opened PR in its createdAt week", () => {
    const groups = byWeek(
      [
        storedPr("2026-03-04T09:00:00Z", "2026-03-10T10:00:00Z", { metrics: { cycleTimeHours: 145 } }),
        storedPr("2026-03-09T09:00:00Z", "2026-03-09T12:00:00Z", { metrics: { cycleTimeHours: 3 } }),
      ],
      "2026-03-02T00:00:00Z",
      "2026-03-16T00:00:00Z",
    );
    expect(groups.map(({ key, prsMerged, prsOpened }) => ({ key, prsMerged, prsOpened }))).toEqual([
      { key: "2026-03-02", prsMerged: 0, prsOpened: 1 }, // opened 03-04
      { key: "2026-03-09", prsMerged: 2, prsOpened: 1 }, // merged 03-10 and 03-09; opened 03-09
    ]);
    // [3, 145]: median 74, p75 3 + 142 × 0.75 = 109.5, p90 3 + 142 × 0.9 = 130.8
    expect(groups[1].cycleTimeHours).toEqual({ count: 2, median: 74, p75: 109.5, p90: 130.8, mean: 74 });
    expect(groups[0]).toMatchObject({ reviewedShare: null, aiAssistedShare: null });
  });

  it("keys weeks across a year end by their Monday and keeps quiet weeks as empty groups", () => {
    const groups = byWeek(
      [
        storedPr("2026-12-29T09:00:00Z", "2026-12-31T10:00:00Z", { isRevert: true }), // Thursday
        storedPr("2027-01-02T09:00:00Z", "2027-01-03T23:00:00Z", { isHotfix: true }), // Sunday
        storedPr("2027-01-05T09:00:00Z", null), // opened the next week, still open
      ],
      "2026-12-21T00:00:00Z",
      "2027-01-11T00:00:00Z",
    );
    expect(groups.map(({ key, prsMerged, prsOpened }) => ({ key, prsMerged, prsOpened }))).toEqual([
      { key: "2026-12-21", prsMerged: 0, prsOpened: 0 }, // a quiet week is a real zero
      { key: "2026-12-28", prsMerged: 2, prsOpened: 2 }, // 12-31 and 01-03 both belong to the week of 12-28
      { key: "2027-01-04", prsMerged: 0, prsOpened: 1 },
    ]);
    expect(groups[1]).toMatchObject({ revertCount: 1, hotfixCount: 1, reviewedShare: 0 });
    expect(groups[0]).toMatchObject({ reviewedShare: null, cycleTimeHours: { count: 0, median: null } });
  });

  it("starts with the partial week holding since", () => {
    const groups = byWeek([], "2026-03-05T00:00:00Z", "2026-03-10T00:00:00Z");
    expect(groups.map((group) => group.key)).toEqual(["2026-03-02", "2026-03-09"]); // Thu 03-05, Mon 03-09
  });
});
