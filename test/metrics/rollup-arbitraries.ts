import fc from "fast-check";
import { DURATION_METRICS, type AggregatablePullRequest, type GroupBy } from "../../src/metrics/aggregate.js";
import type { ReviewerReviews } from "../../src/metrics/reviews.js";
import type { Actor } from "../../src/records/types.js";

/** Random PRs and ranges for the rollup properties: rollups must give what the direct computation gives. */

const HOUR_MS = 3_600_000;
const WEEK_HOURS = 7 * 24;
/** A Wednesday: the window's first and last weeks are partial. */
export const WINDOW_START = Date.UTC(2024, 0, 3, 5, 17);
const WINDOW_HOURS = 8 * WEEK_HOURS;

export const REPOS = [
  { repoId: 11, repo: "acme/widgets" },
  { repoId: 12, repo: "acme/gadgets" },
  { repoId: 13, repo: "acme/tools" },
] as const;

/** People: one bot under both of its spellings (REST and GraphQL), and one stored without an id. */
const PEOPLE: readonly Actor[] = [
  { login: "alice", id: 1, type: "User" },
  { login: "bob", id: 2, type: "User" },
  { login: "carol", id: 3, type: "User" },
  { login: "renovate[bot]", id: 4, type: "Bot" },
  { login: "renovate", id: 4, type: "Bot" },
  { login: "dave", id: null, type: null },
];

const reviewerOf = (actor: Actor, count: number): ReviewerReviews => ({
  login: actor.login,
  count,
  ...(actor.id === null ? {} : { key: `id:${actor.id}` as const }),
});

/** A duration value as the convert step stores them: 2 decimals, often repeated, sometimes missing. */
const duration = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 50_000 }).map((cents) => cents / 100),
    fc.constantFrom(0, 1.5, 24),
  ),
  { nil: null },
);

export type RandomPr = AggregatablePullRequest & { repoId: number; number: number };

export const pullRequestArb: fc.Arbitrary<Omit<RandomPr, "number">> = fc
  .record({
    repo: fc.constantFrom(...REPOS),
    // Often on a coarse grid: PRs created at the same instant (the name rule's tie) and on range edges (midnight).
    createdMinutes: fc.oneof(
      fc.integer({ min: 0, max: WINDOW_HOURS * 60 }),
      fc.integer({ min: 0, max: WINDOW_HOURS / 24 }).map((day) => day * 24 * 60 - 317),
    ),
    mergedAfterMinutes: fc.option(fc.integer({ min: 0, max: 3 * WEEK_HOURS * 60 }), { nil: null }),
    author: fc.constantFrom(...PEOPLE),
    reviewers: fc.uniqueArray(
      fc.record({ who: fc.constantFrom(...PEOPLE), count: fc.integer({ min: 1, max: 3 }) }),
      {
        maxLength: 3,
        selector: (reviewer) => reviewer.who.id ?? reviewer.who.login,
      },
    ),
    flags: fc.record({ isRevert: fc.boolean(), isHotfix: fc.boolean(), aiAssisted: fc.boolean() }),
    durations: fc.tuple(...DURATION_METRICS.map(() => duration)),
    checkRuns: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    failed: fc.integer({ min: 0, max: 2 }),
    // Minutes before creation of the first commit; null: no commit.
    firstCommitBefore: fc.option(fc.integer({ min: 0, max: WEEK_HOURS * 60 }), { nil: null }),
    // Lines changed, on and around the size buckets' bounds; null: GitHub has not told them yet.
    size: fc.option(
      fc.tuple(
        fc.constantFrom(0, 5, 10, 11, 50, 199, 200, 500, 501, 1000, 4000),
        fc.integer({ min: 0, max: 1 }),
      ),
      { nil: null },
    ),
  })
  .map(
    ({
      repo,
      createdMinutes,
      mergedAfterMinutes,
      author,
      reviewers,
      flags,
      durations,
      checkRuns,
      failed,
      firstCommitBefore,
      size,
    }) => {
      const createdAt = new Date(WINDOW_START + createdMinutes * 60_000);
      const reviewsByReviewer = reviewers.map(({ who, count }) => reviewerOf(who, count));
      return {
        ...repo,
        author,
        createdAt,
        mergedAt:
          mergedAfterMinutes === null ? null : new Date(createdAt.getTime() + mergedAfterMinutes * 60_000),
        firstCommitAt:
          firstCommitBefore === null ? null : new Date(createdAt.getTime() - firstCommitBefore * 60_000),
        firstReviewAt: reviewsByReviewer.length > 0 ? new Date(createdAt.getTime() + HOUR_MS) : null,
        ...flags,
        additions: size === null ? null : size[0] - size[1],
        deletions: size === null ? null : size[1],
        reviewers: reviewsByReviewer.map((reviewer) => reviewer.login),
        reviewsByReviewer,
        metrics: {
          ...Object.fromEntries(DURATION_METRICS.map((metric, index) => [metric, durations[index]])),
          reviewCount: reviewsByReviewer.reduce((total, reviewer) => total + reviewer.count, 0),
          checkRunsCount: checkRuns,
          checkRunsFailed: checkRuns === null ? null : Math.min(failed, checkRuns),
        },
      };
    },
  );

/** PRs numbered 1…n in their repository order of creation. */
export const pullRequestsArb = (maxLength: number): fc.Arbitrary<RandomPr[]> =>
  fc
    .array(pullRequestArb, { maxLength, size: "max" })
    .map((prs) => prs.map((pr, index) => ({ ...pr, number: index + 1 })));

/** A range over the window: any hour and minute, or whole days, or whole weeks; sometimes empty. */
export const rangeArb: fc.Arbitrary<{ since: Date; until: Date }> = fc
  .record({
    start: fc.integer({ min: -WEEK_HOURS, max: WINDOW_HOURS }),
    length: fc.integer({ min: 0, max: 11 * WEEK_HOURS }),
    minutes: fc.integer({ min: 0, max: 59 }),
    unit: fc.constantFrom(1, 24, WEEK_HOURS),
  })
  .map(({ start, length, minutes, unit }) => {
    // Multiples of the unit from the Monday 00:00 before the window.
    const monday = Date.UTC(2024, 0, 1);
    const since = monday + Math.floor(start / unit) * unit * HOUR_MS + (unit === 1 ? minutes * 60_000 : 0);
    return { since: new Date(since), until: new Date(since + Math.floor(length / unit) * unit * HOUR_MS) };
  });

export const groupByArb: fc.Arbitrary<GroupBy> = fc.constantFrom(
  "none",
  "week",
  "repo",
  "author",
  "reviewer",
);

/** The PRs a query over [since, until) loads: merged or opened in it (what the direct computation takes). */
export const touching = <T extends AggregatablePullRequest>(
  prs: readonly T[],
  range: { since: Date; until: Date },
) =>
  prs.filter((pr) =>
    [pr.mergedAt, pr.createdAt].some(
      (date) =>
        date !== null && date.getTime() >= range.since.getTime() && date.getTime() < range.until.getTime(),
    ),
  );
