import { accountKey } from "../../src/metrics/accounts.js";
import { computePullRequestMetrics } from "../../src/metrics/pull-request-metrics.js";
import { parseRepoConfig } from "../../src/metrics/repo-config.js";
import type { CommitRecord, ReviewRecord } from "../../src/records/types.js";
import { at, bot, commit, human, pullRequest, review } from "./fixtures.js";

const { config } = parseRepoConfig("bots: [ci-robot]");

const compute = (reviews: ReviewRecord[], commits: CommitRecord[] = [commit()]) =>
  computePullRequestMetrics({
    pr: pullRequest({ author: human("alice"), mergedAt: at("2026-03-03T10:00:00Z") }),
    reviews,
    commits,
    checkRuns: [],
    comments: [],
    config,
  });

describe("review metrics", () => {
  it("ignores self reviews, bot reviews and config-listed bots entirely", () => {
    const result = compute([
      review("alice", "APPROVED", "2026-03-02T11:00:00Z"),
      review("ALICE", "COMMENTED", "2026-03-02T11:30:00Z"),
      review(bot("coderabbitai[bot]"), "CHANGES_REQUESTED", "2026-03-02T12:00:00Z"),
      review({ login: "review-helper[bot]", id: 3, type: null }, "APPROVED", "2026-03-02T12:00:00Z"),
      review("ci-robot", "APPROVED", "2026-03-02T12:30:00Z"),
    ]);
    expect(result).toMatchObject({
      firstReviewAt: null,
      firstApprovalAt: null,
      reviewers: [],
      reviewsByReviewer: [],
    });
    expect(result.metrics).toMatchObject({
      pickupTimeHours: null,
      reviewTimeHours: null,
      reviewCount: 0,
      reviewersCount: 0,
      approvalsCount: 0,
      changesRequestedCount: 0,
    });
  });

  it("counts reviewers' submitted reviews; PENDING never counts, DISMISSED counts but is no approval", () => {
    const result = compute([
      review("bob", "PENDING", null),
      review("dave", "PENDING", "2026-03-02T10:30:00Z"),
      review("bob", "COMMENTED", "2026-03-02T12:00:00Z"),
      review("carol", "DISMISSED", "2026-03-02T12:30:00Z"),
      review("carol", "CHANGES_REQUESTED", "2026-03-02T13:00:00Z"),
      review("bob", "APPROVED", "2026-03-02T14:00:00Z"),
      review("Bob", "APPROVED", "2026-03-02T15:00:00Z"),
      review("alice", "COMMENTED", "2026-03-02T11:00:00Z"),
    ]);
    expect(result.firstReviewAt).toEqual(at("2026-03-02T12:00:00Z")); // bob's COMMENTED; dave's is PENDING
    expect(result.firstApprovalAt).toEqual(at("2026-03-02T14:00:00Z"));
    // bob first reviewed at 12:00, carol at 12:30; "Bob" is bob.
    expect(result.reviewers).toEqual(["bob", "carol"]);
    expect(result.reviewsByReviewer).toEqual([
      { login: "bob", count: 3, key: accountKey(human("bob")) },
      { login: "carol", count: 2, key: accountKey(human("carol")) },
    ]);
    expect(result.metrics).toMatchObject({
      reviewCount: 5, // bob ×3 (12:00, 14:00, 15:00) + carol ×2; not the PENDINGs, not alice
      reviewersCount: 2, // bob (= Bob), carol
      approvalsCount: 2, // bob 14:00, Bob 15:00
      changesRequestedCount: 1, // carol 13:00; the DISMISSED one is not
      pickupTimeHours: 2, // 12:00 − 10:00
      reviewTimeHours: 22, // 03-03 10:00 − 03-02 12:00
    });
  });

  it("takes a dismissed review as the first review", () => {
    const result = compute([
      review("carol", "DISMISSED", "2026-03-02T10:45:00Z"),
      review("bob", "APPROVED", "2026-03-02T12:00:00Z"),
    ]);
    expect(result.firstReviewAt).toEqual(at("2026-03-02T10:45:00Z"));
    expect(result.metrics.pickupTimeHours).toBe(0.75); // 10:45 − 10:00
  });

  it("ignores a review that has a state but no submittedAt", () => {
    const result = compute([review("bob", "APPROVED", null)]);
    expect(result.firstReviewAt).toBeNull();
    expect(result.metrics).toMatchObject({ reviewCount: 0, approvalsCount: 0 });
  });

  it("counts commits committed strictly after the first review", () => {
    const result = compute(
      [review("bob", "CHANGES_REQUESTED", "2026-03-02T12:00:00Z")],
      [
        commit({ committedAt: at("2026-03-02T11:00:00Z") }),
        commit({ committedAt: at("2026-03-02T12:00:00Z") }), // equal: not after
        commit({ committedAt: at("2026-03-02T12:01:00Z") }),
        commit({ committedAt: at("2026-03-02T15:00:00Z") }),
        commit({ committedAt: null }),
      ],
    );
    expect(result.metrics).toMatchObject({ commitsCount: 5, commitsAfterFirstReview: 2 }); // 12:01, 15:00
  });

  it("has 0 commits after the first review when none came later", () => {
    const result = compute([review("bob", "APPROVED", "2026-03-02T12:00:00Z")], [commit()]);
    expect(result.metrics.commitsAfterFirstReview).toBe(0); // the one commit is 03-01
  });
});

describe("reviewers of a PR", () => {
  it("orders reviewers by their first review whatever the records' order, then by login", () => {
    const reviews = [
      review("erin", "APPROVED", "2026-03-02T13:00:00Z"),
      review("Dave", "COMMENTED", "2026-03-02T12:00:00Z"),
      review("carol", "COMMENTED", "2026-03-02T12:00:00Z"),
      review("dave", "APPROVED", "2026-03-02T14:00:00Z"),
    ];
    const expected = [
      { login: "carol", count: 1, key: accountKey(human("carol")) }, // 12:00, and "carol" sorts before "Dave"
      { login: "Dave", count: 2, key: accountKey(human("dave")) }, // named as the first review spells it
      { login: "erin", count: 1, key: accountKey(human("erin")) },
    ];
    expect(compute(reviews).reviewsByReviewer).toEqual(expected);
    expect(compute([...reviews].reverse()).reviewsByReviewer).toEqual(expected);
    expect(compute(reviews).reviewers).toEqual(["carol", "Dave", "erin"]);
  });
});
