import {
  computePullRequestMetrics,
  type PullRequestMetricsInput,
} from "../../src/metrics/pull-request-metrics.js";
import { parseRepoConfig } from "../../src/metrics/repo-config.js";
import { at, bot, checkRun, comment, commit, human, pullRequest } from "./fixtures.js";

const { config } = parseRepoConfig("bots: [ci-robot]");

const compute = (overrides: Partial<PullRequestMetricsInput> = {}) =>
  computePullRequestMetrics({
    pr: pullRequest({ headSha: "head" }),
    reviews: [],
    commits: [commit()],
    checkRuns: [],
    comments: [],
    config,
    ...overrides,
  });

const run = (name: string, start: string, end: string | null, conclusion: string | null, more = {}) =>
  checkRun({
    name,
    startedAt: at(`2026-03-02T${start}Z`),
    completedAt: end === null ? null : at(`2026-03-02T${end}Z`),
    conclusion,
    status: end === null ? "in_progress" : "completed",
    ...more,
  });

describe("check-run metrics", () => {
  it("counts the latest run per name on the head commit; a re-run replaces the earlier one", () => {
    const result = compute({
      checkRuns: [
        run("build", "10:00:00", "10:05:00", "failure"), // replaced by the re-run below
        run("build", "10:10:00", "10:16:00", "success"), // 360 s
        run("test", "10:00:00", "10:03:00", "timed_out"), // 180 s
        run("lint", "10:01:00", "10:02:00", "startup_failure"), // 60 s
        run("build", "10:02:00", "10:04:00", "success", { appSlug: "circleci" }), // another app: 120 s
        run("e2e", "09:00:00", "11:00:00", "failure", { headSha: "older" }), // not the head commit
      ],
    });
    expect(result.metrics).toMatchObject({
      checkRunsCount: 4, // build (re-run), test, lint, circleci build
      checkRunsFailed: 2, // timed_out + startup_failure; the first build failure was re-run
      ciDurationSeconds: 720, // 360 + 180 + 60 + 120
      ciWallSeconds: 960, // latest end 10:16 − earliest start 10:00
    });
  });

  it("keeps the higher checkRunId when re-runs start at the same instant", () => {
    const result = compute({
      checkRuns: [
        run("build", "10:00:00", "10:01:00", "success", { checkRunId: 900 }),
        run("build", "10:00:00", "10:02:00", "failure", { checkRunId: 901 }),
        run("test", "10:00:00", "10:04:00", "success", { checkRunId: 801 }),
        run("test", "10:00:00", "10:03:00", "failure", { checkRunId: 800 }),
      ],
    });
    expect(result.metrics).toMatchObject({
      checkRunsCount: 2,
      checkRunsFailed: 1, // build #901 (failure) kept over #900; test #801 (success) over #800
      ciDurationSeconds: 360, // build #901 120 s + test #801 240 s
    });
  });

  it("does not count cancelled, neutral, skipped or action_required as failed", () => {
    const result = compute({
      checkRuns: ["cancelled", "neutral", "skipped", "action_required", "success"].map((conclusion) =>
        run(conclusion, "10:00:00", "10:00:30", conclusion),
      ),
    });
    expect(result.metrics).toMatchObject({ checkRunsCount: 5, checkRunsFailed: 0, ciDurationSeconds: 150 }); // 5 × 30
  });

  it("leaves a run still in progress out of the duration but counts it", () => {
    const result = compute({
      checkRuns: [run("build", "10:00:00", "10:00:01.234", "success"), run("test", "10:00:10", null, null)],
    });
    expect(result.metrics).toMatchObject({
      checkRunsCount: 2,
      checkRunsFailed: 0,
      ciDurationSeconds: 1.23, // 1.234 s rounded
      ciWallSeconds: 1.23, // latest known end 10:00:01.234 − earliest start 10:00:00
    });
  });

  it("has 0 runs and null CI times with no check runs", () => {
    expect(compute().metrics).toMatchObject({
      checkRunsCount: 0,
      checkRunsFailed: 0,
      ciDurationSeconds: null,
      ciWallSeconds: null,
    });
  });
});

describe("comment and size metrics", () => {
  it("counts comments by humans, the author included, and no bots", () => {
    const result = compute({
      comments: [
        comment("issue", human("alice")), // the author
        comment("issue", human("bob")),
        comment("issue", bot("dependabot[bot]")),
        comment("issue", human("ci-robot")), // listed under bots:
        comment("review", human("bob")),
        comment("review", human("carol")),
        comment("review", bot("github-actions[bot]")),
      ],
    });
    expect(result.metrics).toMatchObject({ issueCommentsCount: 2, reviewCommentsCount: 2 });
  });

  it("reports GitHub's size figures, null when GitHub did not give them", () => {
    expect(compute().metrics).toMatchObject({ additions: 10, deletions: 2, changedFiles: 3 });
    const unknown = compute({ pr: pullRequest({ additions: null, deletions: null, changedFiles: null }) });
    expect(unknown.metrics).toMatchObject({ additions: null, deletions: null, changedFiles: null });
  });
});

describe("computePullRequestMetrics", () => {
  it("returns every field of the contract for a hotfix revert written with an AI agent", () => {
    const result = compute({
      pr: pullRequest({
        title: 'Revert "Add widgets"',
        headRef: "hotfix/widgets",
        author: bot("copilot-swe-agent[bot]"),
        mergedAt: at("2026-03-02T11:00:00Z"),
      }),
    });
    expect(result).toEqual({
      firstReviewAt: null,
      firstApprovalAt: null,
      reviewers: [],
      reviewsByReviewer: [],
      isRevert: true,
      isHotfix: true,
      aiAssisted: true,
      aiEvidence: ["author:copilot-swe-agent[bot]"],
      metrics: {
        codingTimeHours: 24, // created 03-02 10:00 − commit 03-01 10:00
        pickupTimeHours: null,
        reviewTimeHours: null,
        cycleTimeHours: 1, // 11:00 − 10:00
        reviewCount: 0,
        reviewersCount: 0,
        approvalsCount: 0,
        changesRequestedCount: 0,
        commitsCount: 1,
        commitsAfterFirstReview: null,
        issueCommentsCount: 0,
        reviewCommentsCount: 0,
        checkRunsCount: 0,
        checkRunsFailed: 0,
        ciDurationSeconds: null,
        ciWallSeconds: null,
        additions: 10,
        deletions: 2,
        changedFiles: 3,
      },
    });
  });
});
