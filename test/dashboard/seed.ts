import { createToken } from "../../src/api/tokens.js";
import { weekStart } from "../../src/metrics/week.js";
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
const user = (login: string, id: number) => ({ login, id, type: "User" as const });

interface Phases {
  coding: number;
  pickup: number;
  review: number;
  ciWall: number;
  runs: number;
  failed: number;
}

/** A PR opened on the Monday of a past week and merged on its Tuesday, with the given per-PR metrics. */
function merged(
  weeks: number,
  p: Phases,
  size: [number, number],
): Omit<PrSeed, "installationId" | "repoId" | "repo" | "number"> {
  const createdAt = weeksAgo(weeks, 9);
  const mergedAt = weeksAgo(weeks, 36);
  return {
    state: "merged",
    createdAt,
    readyAt: createdAt,
    mergedAt,
    closedAt: mergedAt,
    firstReviewAt: new Date(createdAt.getTime() + p.pickup * HOUR_MS),
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
  await seedPullRequests(store, [
    // Four weeks ago: two widgets PRs, so medians and p75 interpolate.
    {
      ...widgets,
      number: 1,
      ...merged(4, { coding: 2, pickup: 4, review: 6, ciWall: 600, runs: 4, failed: 1 }, [5, 3]),
      author: user("alice", 1),
    },
    {
      ...widgets,
      number: 2,
      ...merged(4, { coding: 4, pickup: 8, review: 10, ciWall: 1200, runs: 4, failed: 0 }, [40, 20]),
      author: user("bob", 2),
      aiAssisted: true,
      aiEvidence: ["label:ai-assisted"],
    },
    { ...gadgets, number: 1, ...merged(3, slow, [1000, 500]), author: user("bob", 2), aiAssisted: true },
    { ...widgets, number: 3, ...merged(2, slow, [300, 300]), author: user("alice", 1), isRevert: true },
    { ...widgets, number: 4, ...merged(1, slow, [20, 10]), author: user("carol", 3), isHotfix: true },
    // Open PRs: the table lists them oldest first and leaves the draft out.
    {
      ...widgets,
      number: 10,
      title: "Slowest: waiting for review",
      createdAt: daysAgo(30),
      author: user("carol", 3),
    },
    {
      ...gadgets,
      number: 11,
      title: "Reviewed, not approved",
      createdAt: daysAgo(10),
      firstReviewAt: daysAgo(9),
      author: user("dave", 4),
    },
    { ...widgets, number: 12, title: "Old draft", createdAt: daysAgo(50), draft: true, readyAt: null },
    {
      ...widgets,
      number: 13,
      title: "Bump left-pad",
      createdAt: daysAgo(2),
      author: { login: "dependabot[bot]", id: 9, type: "Bot" },
    },
  ]);
  const acme = (await createToken(store, { installationId: 1, name: "dashboard test" })).token;
  const empty = (await createToken(store, { installationId: 2, name: "empty installation" })).token;
  return { acme, empty };
}
