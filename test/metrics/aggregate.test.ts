import { aggregatePullRequests } from "../../src/metrics/aggregate.js";
import { at, human, storedPr } from "./fixtures.js";

const since = at("2026-03-02T00:00:00Z");
const until = at("2026-03-16T00:00:00Z");
const reviewed = at("2026-03-02T12:00:00Z");
const noValues = { count: 0, median: null, p75: null, p90: null, mean: null };

const prs = [
  storedPr("2026-03-01T09:00:00Z", "2026-03-03T10:00:00Z", {
    firstReviewAt: reviewed,
    isRevert: true,
    metrics: {
      codingTimeHours: 1,
      pickupTimeHours: 2,
      reviewTimeHours: 4,
      cycleTimeHours: 10,
      checkRunsCount: 4,
      checkRunsFailed: 1,
      ciDurationSeconds: 900,
      ciWallSeconds: 600,
      reviewCount: 3,
    },
  }), // A: opened before the range, merged in it
  storedPr("2026-03-04T09:00:00Z", "2026-03-05T10:00:00Z", {
    author: human("bob"),
    isHotfix: true,
    aiAssisted: true,
    additions: 500,
    deletions: 1,
    metrics: { codingTimeHours: null, pickupTimeHours: null, cycleTimeHours: 20, checkRunsCount: 0 },
  }), // B
  storedPr("2026-03-10T09:00:00Z", "2026-03-16T00:00:00Z", { metrics: { cycleTimeHours: 999 } }), // C: merged at until
  storedPr("2026-03-12T09:00:00Z", null, { repo: "acme/gadgets" }), // D: open
  storedPr("2026-02-20T09:00:00Z", "2026-03-01T23:59:59Z", { metrics: { cycleTimeHours: 999 } }), // E: before
  storedPr("2026-03-06T09:00:00Z", "2026-03-09T10:00:00Z", {
    repo: "acme/gadgets",
    firstReviewAt: reviewed,
    aiAssisted: true,
    additions: null,
    deletions: null,
    metrics: {
      codingTimeHours: 3,
      pickupTimeHours: 6,
      reviewTimeHours: 8,
      cycleTimeHours: 30,
      checkRunsCount: 6,
      checkRunsFailed: 2,
      ciDurationSeconds: null,
      ciWallSeconds: 300,
      reviewCount: 1,
    },
  }), // F
];

describe("aggregatePullRequests", () => {
  it("summarizes merged PRs in [since, until) and counts PRs opened in it", () => {
    const result = aggregatePullRequests(prs, { since, until, groupBy: "none" });
    expect(result).toMatchObject({ since, until, groupBy: "none" });
    expect(result.groups).toEqual([
      {
        key: "all",
        prsMerged: 3, // A, B, F; C merged exactly at until, E before since
        prsOpened: 4, // B, C, D, F; A and E were created before since
        reviewedShare: 0.6667, // A, F of 3
        revertCount: 1, // A
        hotfixCount: 1, // B
        aiAssistedShare: 0.6667, // B, F of 3
        checkRunsCount: 10, // 4 + 0 + 6
        checkRunsFailed: 3, // 1 + 2
        ciFailureRate: 0.3, // 3 / 10
        // [1, 3]: ranks 0.5, 0.75, 0.9 → 1 + 2 × rank
        codingTimeHours: { count: 2, median: 2, p75: 2.5, p90: 2.8, mean: 2 },
        // [2, 6] → 2 + 4 × rank
        pickupTimeHours: { count: 2, median: 4, p75: 5, p90: 5.6, mean: 4 },
        // [4, 8] → 4 + 4 × rank
        reviewTimeHours: { count: 2, median: 6, p75: 7, p90: 7.6, mean: 6 },
        // [10, 20, 30]: ranks 1, 1.5, 1.8 → 20, 25, 28
        cycleTimeHours: { count: 3, median: 20, p75: 25, p90: 28, mean: 20 },
        ciDurationSeconds: { count: 1, median: 900, p75: 900, p90: 900, mean: 900 },
        // [300, 600] → 300 + 300 × rank
        ciWallSeconds: { count: 2, median: 450, p75: 525, p90: 570, mean: 450 },
        prsReviewed: 2, // A, F
        reviewsSubmitted: 4, // A 3 + F 1
        // A: 12 lines; B: 501 (past L's 500); F: size unknown, uncounted
        prsMergedBySize: { xs: 0, s: 1, m: 0, l: 0, xl: 1, xxl: 0 },
      },
    ]);
  });

  it("groups by repository, each PR counted where its own dates fall", () => {
    const groups = aggregatePullRequests(prs, { since, until, groupBy: "repo" }).groups;
    expect(groups.map(({ key, prsMerged, prsOpened }) => ({ key, prsMerged, prsOpened }))).toEqual([
      { key: "acme/gadgets", prsMerged: 1, prsOpened: 2 }, // merged F; opened D, F
      { key: "acme/widgets", prsMerged: 2, prsOpened: 2 }, // merged A, B; opened B, C
    ]);
    expect(groups[0]).toMatchObject({ reviewedShare: 1, aiAssistedShare: 1, ciFailureRate: 0.3333 }); // 2 / 6
  });

  it("groups by author", () => {
    const groups = aggregatePullRequests(prs, { since, until, groupBy: "author" }).groups;
    expect(groups.map(({ key, prsMerged, prsOpened }) => ({ key, prsMerged, prsOpened }))).toEqual([
      { key: "alice", prsMerged: 2, prsOpened: 3 }, // merged A, F; opened C, D, F
      { key: "bob", prsMerged: 1, prsOpened: 1 }, // B
    ]);
    expect(groups[1]).toMatchObject({
      reviewedShare: 0, // B merged without a review: a real 0
      hotfixCount: 1,
      ciFailureRate: null, // B ran no checks: 0 / 0
      pickupTimeHours: noValues,
    });
  });

  it("gives an empty group with null shares when a group has opened but no merged PRs", () => {
    const groups = aggregatePullRequests([prs[3]], { since, until, groupBy: "repo" }).groups;
    expect(groups).toEqual([
      expect.objectContaining({
        key: "acme/gadgets",
        prsMerged: 0,
        prsOpened: 1,
        reviewedShare: null,
        aiAssistedShare: null,
        revertCount: 0,
        ciFailureRate: null,
        cycleTimeHours: noValues,
      }),
    ]);
  });

  it("with no PRs gives one empty 'all' group, and no repo or author groups", () => {
    expect(aggregatePullRequests([], { since, until, groupBy: "none" }).groups).toEqual([
      expect.objectContaining({ key: "all", prsMerged: 0, prsOpened: 0, reviewedShare: null }),
    ]);
    expect(aggregatePullRequests([], { since, until, groupBy: "repo" }).groups).toEqual([]);
    expect(aggregatePullRequests([], { since, until, groupBy: "author" }).groups).toEqual([]);
  });
});
