import { aggregatePullRequests, type AggregatablePullRequest } from "../../src/metrics/aggregate.js";
import { computePullRequestMetrics } from "../../src/metrics/pull-request-metrics.js";
import { parseRepoConfig } from "../../src/metrics/repo-config.js";
import type { Actor, ReviewRecord } from "../../src/records/types.js";
import { at, bot, human, pullRequest, review, storedPr } from "./fixtures.js";

const since = at("2026-03-02T00:00:00Z");
const until = at("2026-03-16T00:00:00Z");
const { config } = parseRepoConfig("bots: [ci-robot]");

/** A PR as the convert step would store it from these reviews, so reviewers come from real records. */
function convertedPr(
  author: Actor,
  createdAt: string,
  mergedAt: string | null,
  reviews: ReviewRecord[],
): AggregatablePullRequest {
  const pr = pullRequest({ author, createdAt: at(createdAt), mergedAt: mergedAt ? at(mergedAt) : null });
  const derived = computePullRequestMetrics({
    pr,
    reviews,
    commits: [],
    checkRuns: [],
    comments: [],
    config,
  });
  return { ...pr, ...derived };
}

const prs = [
  // P1: two reviewers; alice's own review does not count. bob ×2, carol ×1.
  convertedPr(human("alice"), "2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z", [
    review("alice", "COMMENTED", "2026-03-02T11:00:00Z"),
    review("bob", "COMMENTED", "2026-03-02T12:00:00Z"),
    review("carol", "APPROVED", "2026-03-02T14:00:00Z"),
    review("bob", "APPROVED", "2026-03-02T16:00:00Z"),
  ]),
  // P2: a GitHub bot and a bot of the repo's config reviewed first; only carol (×2) is a reviewer.
  convertedPr(human("bob"), "2026-03-04T09:00:00Z", "2026-03-05T09:00:00Z", [
    review(bot("renovate[bot]"), "APPROVED", "2026-03-04T09:30:00Z"),
    review("ci-robot", "APPROVED", "2026-03-04T10:00:00Z"),
    review("carol", "CHANGES_REQUESTED", "2026-03-04T13:00:00Z"),
    review("bob", "COMMENTED", "2026-03-04T14:00:00Z"),
    review("carol", "APPROVED", "2026-03-04T15:00:00Z"),
  ]),
  // P3: merged with only a self review and a bot's: no reviewer, so in no reviewer group.
  convertedPr(human("carol"), "2026-03-06T09:00:00Z", "2026-03-06T17:00:00Z", [
    review("carol", "APPROVED", "2026-03-06T10:00:00Z"),
    review(bot("coderabbitai[bot]"), "COMMENTED", "2026-03-06T10:00:00Z"),
  ]),
  // P4: open, opened in the range, reviewed by "Bob": bob's in any case.
  convertedPr(human("dave"), "2026-03-10T09:00:00Z", null, [
    review("Bob", "COMMENTED", "2026-03-10T10:00:00Z"),
  ]),
  // P5: merged before the range.
  convertedPr(human("erin"), "2026-02-20T09:00:00Z", "2026-03-01T09:00:00Z", [
    review("bob", "APPROVED", "2026-02-21T09:00:00Z"),
  ]),
];

describe("aggregatePullRequests by reviewer", () => {
  const groups = aggregatePullRequests(prs, { since, until, groupBy: "reviewer" }).groups;

  it("counts a merged PR in the group of each of its reviewers, and a PR without one nowhere", () => {
    expect(groups.map(({ key, prsMerged, prsOpened }) => ({ key, prsMerged, prsOpened }))).toEqual([
      { key: "Bob", prsMerged: 1, prsOpened: 2 }, // merged P1; opened P1, P4 ("Bob" sorts before "bob")
      { key: "carol", prsMerged: 2, prsOpened: 2 }, // P1, P2
    ]);
  });

  it("gives each reviewer's PRs reviewed, own reviews and the PRs' durations", () => {
    expect(groups[0]).toMatchObject({
      prsReviewed: 1, // P1
      reviewsSubmitted: 2, // bob's two on P1; not his own review of P2
      reviewedShare: 1,
      pickupTimeHours: { count: 1, median: 2, p75: 2, p90: 2, mean: 2 }, // P1: 12:00 − 10:00
      reviewTimeHours: { count: 1, median: 22, p75: 22, p90: 22, mean: 22 }, // 03-03 10:00 − 03-02 12:00
    });
    expect(groups[1]).toMatchObject({
      prsReviewed: 2,
      reviewsSubmitted: 3, // 1 on P1 + 2 on P2
      // P1 2 h, P2 4 h (13:00 − 09:00; the bots' reviews do not pick a PR up) → 2 + 2 × rank
      pickupTimeHours: { count: 2, median: 3, p75: 3.5, p90: 3.8, mean: 3 },
      // P2 20 h (03-05 09:00 − 03-04 13:00), P1 22 h → 20 + 2 × rank
      reviewTimeHours: { count: 2, median: 21, p75: 21.5, p90: 21.8, mean: 21 },
    });
  });

  it("adds up to the ungrouped review totals", () => {
    const [all] = aggregatePullRequests(prs, { since, until, groupBy: "none" }).groups;
    expect(all).toMatchObject({ prsMerged: 3, prsReviewed: 2, reviewsSubmitted: 5 }); // P1 3 + P2 2 + P3 0
    expect(groups.reduce((total, group) => total + group.reviewsSubmitted, 0)).toBe(5);
  });

  it("leaves out PRs stored before reviewers were derived, and has no group without PRs", () => {
    const legacy = storedPr("2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", { firstReviewAt: since });
    expect(aggregatePullRequests([legacy], { since, until, groupBy: "reviewer" }).groups).toEqual([]);
    expect(aggregatePullRequests([], { since, until, groupBy: "reviewer" }).groups).toEqual([]);
  });
});
