import { createToken } from "../../src/api/tokens.js";
import { reviewersOf, reviewFigures } from "../../src/metrics/reviews.js";
import { weekStart } from "../../src/metrics/week.js";
import type { Actor, ReviewRecord, ReviewState } from "../../src/records/types.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import type { Store } from "../../src/storage/store.js";
import { seedInstallation, seedPullRequests, seedRepository, type PrSeed } from "../api/seed.js";

/**
 * A few weeks of PRs dated relative to now, so the page's default range (the last 12 weeks) covers them.
 * Week indexes count back from the current week: `weeksAgo(4)` is the Monday four weeks before this one.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const thisWeek = weekStart(new Date());
const weeksAgo = (weeks: number, plusHours = 0) =>
  new Date(thisWeek.getTime() - weeks * 7 * DAY_MS + plusHours * HOUR_MS);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;
const user = (login: string, id: number): Actor => ({ login, id, type: "User" });
const reviewBot: Actor = { login: "coderabbitai[bot]", id: 8, type: "Bot" };

/** A review: who, in what state, and how many hours after the PR was opened (null: never submitted). */
type ReviewSeed = [reviewer: Actor, state: ReviewState, hoursAfterOpening: number | null];

let nextReviewId = 1;

/**
 * The PR's review records, and the PR with the review fields the convert step derives from them
 * (the same pure functions), so the stored PR and its reviews agree.
 */
function reviewed(
  pr: PrSeed & Pick<PullRequestDocument, "author" | "createdAt">,
  reviews: ReviewSeed[],
): { pr: PrSeed; records: ReviewRecord[] } {
  const { author } = pr;
  const opened = pr.createdAt.getTime();
  const records = reviews.map(([reviewer, state, hours]): ReviewRecord => ({
    installationId: pr.installationId,
    repoId: pr.repoId,
    prNumber: pr.number,
    reviewId: nextReviewId++,
    author: reviewer,
    state,
    submittedAt: hours === null ? null : new Date(opened + hours * HOUR_MS),
    commitId: null,
  }));
  const { firstReviewAt, firstApprovalAt, ...counts } = reviewFigures(records, author, []);
  const reviewsByReviewer = reviewersOf(records, author, []);
  const reviewers = reviewsByReviewer.map((reviewer) => reviewer.login);
  const metrics = { ...pr.metrics, ...counts };
  return { pr: { ...pr, firstReviewAt, firstApprovalAt, reviewers, reviewsByReviewer, metrics }, records };
}

interface Phases {
  coding: number;
  pickup: number;
  review: number;
  ciWall: number;
  runs: number;
  failed: number;
}

/**
 * A PR opened on the Monday of a past week and merged on its Tuesday, with the given per-PR metrics;
 * its first review by a reviewer must come `pickup` hours after opening.
 */
function merged(
  weeks: number,
  p: Phases,
  size: [number, number],
): Omit<PrSeed, "installationId" | "repoId" | "repo" | "number"> & Pick<PullRequestDocument, "createdAt"> {
  const createdAt = weeksAgo(weeks, 9);
  const mergedAt = weeksAgo(weeks, 36);
  return {
    state: "merged",
    createdAt,
    readyAt: createdAt,
    mergedAt,
    closedAt: mergedAt,
    additions: size[0],
    deletions: size[1],
    metrics: {
      codingTimeHours: p.coding,
      pickupTimeHours: p.pickup,
      reviewTimeHours: p.review,
      cycleTimeHours: 27,
      ciWallSeconds: p.ciWall,
      checkRunsCount: p.runs,
      checkRunsFailed: p.failed,
    },
  };
}

export async function seedDashboardData(store: Store): Promise<{ acme: string; empty: string }> {
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "quiet");
  await seedRepository(store, 1, 11, "acme/widgets", { syncStatus: "complete" });
  await seedRepository(store, 1, 12, "acme/gadgets", { syncStatus: "complete" });
  await seedRepository(store, 2, 21, "quiet/nothing", { syncStatus: "complete" });
  const slow = { coding: 1, pickup: 2, review: 3, ciWall: 300, runs: 2, failed: 0 };
  const alice = user("alice", 1);
  const bob = user("bob", 2);
  const carol = user("carol", 3);
  const dave = user("dave", 4);
  const prs = [
    // Four weeks ago: two widgets PRs, so medians and p75 interpolate.
    reviewed(
      {
        ...widgets,
        number: 1,
        ...merged(4, { coding: 2, pickup: 4, review: 6, ciWall: 600, runs: 4, failed: 1 }, [5, 3]),
        author: alice,
      },
      [
        [alice, "COMMENTED", 3], // her own: not a review
        [bob, "COMMENTED", 4],
        [carol, "APPROVED", 5],
        [bob, "APPROVED", 6],
      ],
    ),
    reviewed(
      {
        ...widgets,
        number: 2,
        ...merged(4, { coding: 4, pickup: 8, review: 10, ciWall: 1200, runs: 4, failed: 0 }, [40, 20]),
        author: bob,
        aiAssisted: true,
        aiEvidence: ["label:ai-assisted"],
      },
      [
        [reviewBot, "COMMENTED", 1], // a bot: not a reviewer
        [alice, "CHANGES_REQUESTED", 8],
        [alice, "APPROVED", 12],
      ],
    ),
    reviewed({ ...gadgets, number: 1, ...merged(3, slow, [1000, 500]), author: bob, aiAssisted: true }, [
      [carol, "APPROVED", 2],
    ]),
    reviewed({ ...widgets, number: 3, ...merged(2, slow, [300, 300]), author: alice, isRevert: true }, [
      [bob, "APPROVED", 2],
      [dave, "COMMENTED", 2.5],
    ]),
    reviewed({ ...widgets, number: 4, ...merged(1, slow, [20, 10]), author: carol, isHotfix: true }, [
      [alice, "APPROVED", 2],
      [bob, "PENDING", null], // never submitted: not a review
    ]),
    // Open PRs: the table lists them oldest first and leaves the draft out.
    reviewed(
      { ...widgets, number: 10, title: "Slowest: waiting for review", createdAt: daysAgo(30), author: carol },
      [],
    ),
    // Reviewed by erin, but not merged: in no "PRs reviewed" count.
    // Its title was stored cut to its bound (what is stored is the beginning).
    reviewed(
      {
        ...gadgets,
        number: 11,
        title: "Reviewed, not approved",
        truncated: ["title"],
        createdAt: daysAgo(10),
        author: dave,
      },
      [[user("erin", 5), "COMMENTED", 24]],
    ),
    reviewed(
      {
        ...widgets,
        number: 12,
        title: "Old draft",
        createdAt: daysAgo(50),
        draft: true,
        readyAt: null,
        author: alice,
      },
      [],
    ),
    reviewed(
      {
        ...widgets,
        number: 13,
        title: "Bump left-pad",
        createdAt: daysAgo(2),
        author: { login: "dependabot[bot]", id: 9, type: "Bot" },
      },
      [],
    ),
  ];
  await seedPullRequests(
    store,
    prs.map(({ pr }) => pr),
  );
  await store.reviews.insertMany(prs.flatMap(({ records }) => records));
  const acme = (await createToken(store, { installationId: 1, name: "dashboard test" })).token;
  const empty = (await createToken(store, { installationId: 2, name: "empty installation" })).token;
  return { acme, empty };
}
