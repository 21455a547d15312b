import {
  computePullRequestMetrics,
  type PullRequestMetricsInput,
} from "../../src/metrics/pull-request-metrics.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { at, commit, pullRequest, review } from "./fixtures.js";

type Overrides = Partial<Omit<PullRequestMetricsInput, "pr">> & { pr?: Parameters<typeof pullRequest>[0] };

const compute = (overrides: Overrides = {}) =>
  computePullRequestMetrics({
    reviews: [],
    commits: [commit({ authoredAt: at("2026-03-01T10:00:00Z") })],
    checkRuns: [],
    comments: [],
    config: DEFAULT_REPO_CONFIG,
    ...overrides,
    pr: pullRequest(overrides.pr),
  });

// Every PR here is created 2026-03-02T10:00Z (a Monday).
describe("duration metrics", () => {
  it("computes coding, pickup, review and cycle time of a merged PR", () => {
    const result = compute({
      pr: { mergedAt: at("2026-03-03T12:15:00Z"), state: "merged" },
      commits: [
        commit({ authoredAt: at("2026-03-02T08:30:00Z") }),
        commit({ authoredAt: at("2026-03-01T10:00:00Z") }),
      ],
      reviews: [
        review("bob", "APPROVED", "2026-03-03T09:00:00Z"),
        review("bob", "COMMENTED", "2026-03-02T13:30:00Z"),
      ],
    });
    expect(result.firstReviewAt).toEqual(at("2026-03-02T13:30:00Z"));
    expect(result.firstApprovalAt).toEqual(at("2026-03-03T09:00:00Z"));
    expect(result.metrics).toMatchObject({
      codingTimeHours: 24, // 03-02 10:00 − 03-01 10:00 (earliest commit)
      pickupTimeHours: 3.5, // 13:30 − 10:00
      reviewTimeHours: 22.75, // 03-03 12:15 − 03-02 13:30 = 10h30 + 12h15
      cycleTimeHours: 26.25, // 03-03 12:15 − 03-02 10:00 = 24h + 2h15
    });
  });

  it("rounds to 2 decimals and no further", () => {
    const result = compute({
      pr: { mergedAt: at("2026-03-02T10:20:00Z") },
      commits: [commit({ authoredAt: at("2026-03-02T09:59:20Z") })],
      reviews: [review("bob", "APPROVED", "2026-03-02T10:10:30Z")],
    });
    expect(result.metrics).toMatchObject({
      cycleTimeHours: 0.33, // 20 min = 0.3333… h
      codingTimeHours: 0.01, // 40 s = 0.0111… h
      pickupTimeHours: 0.18, // 10.5 min = 0.175 h, half rounds up
      reviewTimeHours: 0.16, // 9.5 min = 0.158333… h
    });
  });

  it("measures pickup from readyAt when the PR was opened as a draft", () => {
    const result = compute({
      pr: { draft: false, readyAt: at("2026-03-04T09:00:00Z"), mergedAt: at("2026-03-04T17:00:00Z") },
      reviews: [review("bob", "APPROVED", "2026-03-04T11:00:00Z")],
    });
    expect(result.metrics).toMatchObject({
      pickupTimeHours: 2, // 03-04 11:00 − ready 03-04 09:00
      reviewTimeHours: 6, // 17:00 − 11:00
      cycleTimeHours: 55, // 03-04 17:00 − created 03-02 10:00 = 48h + 7h: drafting time stays in cycle time
    });
  });

  it("keeps a review on the draft as the first review and clamps pickup to 0", () => {
    const result = compute({
      pr: { readyAt: at("2026-03-04T09:00:00Z") },
      reviews: [review("bob", "COMMENTED", "2026-03-03T15:00:00Z")],
    });
    expect(result.firstReviewAt).toEqual(at("2026-03-03T15:00:00Z"));
    expect(result.metrics.pickupTimeHours).toBe(0); // 03-03 15:00 − 03-04 09:00 = −18h → 0
  });

  it("has no pickup time while the PR is still a draft, even when reviewed", () => {
    const result = compute({
      pr: { draft: true, readyAt: null },
      reviews: [review("bob", "COMMENTED", "2026-03-03T15:00:00Z")],
    });
    expect(result.firstReviewAt).toEqual(at("2026-03-03T15:00:00Z"));
    expect(result.metrics.pickupTimeHours).toBeNull();
  });

  it("clamps review time to 0 for a review submitted after the merge", () => {
    const result = compute({
      pr: { mergedAt: at("2026-03-02T12:00:00Z") },
      reviews: [review("bob", "APPROVED", "2026-03-02T14:00:00Z")],
    });
    expect(result.metrics.reviewTimeHours).toBe(0); // 12:00 − 14:00 = −2h → 0
    expect(result.metrics.pickupTimeHours).toBe(4); // 14:00 − 10:00
  });

  it("has null review and cycle time for an open or closed, unmerged PR", () => {
    for (const state of ["open", "closed"] as const) {
      const result = compute({ pr: { state }, reviews: [review("bob", "APPROVED", "2026-03-02T11:00:00Z")] });
      expect(result.metrics).toMatchObject({
        pickupTimeHours: 1,
        reviewTimeHours: null,
        cycleTimeHours: null,
      });
    }
  });

  it("has null pickup, review time and commits after review with no review", () => {
    const result = compute({ pr: { mergedAt: at("2026-03-02T12:00:00Z") } });
    expect(result).toMatchObject({ firstReviewAt: null, firstApprovalAt: null });
    expect(result.metrics).toMatchObject({
      pickupTimeHours: null,
      reviewTimeHours: null,
      cycleTimeHours: 2,
      commitsAfterFirstReview: null,
      reviewCount: 0,
      reviewersCount: 0,
    });
  });

  it("treats no stored commits as not yet fetched: null, never 0", () => {
    const result = compute({ commits: [], reviews: [review("bob", "APPROVED", "2026-03-02T11:00:00Z")] });
    expect(result.metrics).toMatchObject({
      codingTimeHours: null,
      commitsCount: null,
      commitsAfterFirstReview: null,
    });
  });

  it("clamps coding time to 0 when every commit is authored after the PR opened", () => {
    const result = compute({ commits: [commit({ authoredAt: at("2026-03-02T11:00:00Z") })] });
    expect(result.metrics.codingTimeHours).toBe(0); // 10:00 − 11:00 = −1h → 0
  });

  it("skips commits without an author date, and is null when none has one", () => {
    const dated = compute({
      commits: [commit({ authoredAt: null }), commit({ authoredAt: at("2026-03-02T07:45:00Z") })],
    });
    expect(dated.metrics).toMatchObject({ codingTimeHours: 2.25, commitsCount: 2 }); // 10:00 − 07:45
    const undated = compute({ commits: [commit({ authoredAt: null })] });
    expect(undated.metrics).toMatchObject({ codingTimeHours: null, commitsCount: 1 });
  });
});
