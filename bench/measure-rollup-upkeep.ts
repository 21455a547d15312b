import { rebuildRollups, weeksToRebuild } from "../src/convert/rebuild-rollups.js";
import type { FetchedPullRequest } from "../src/github/index.js";
import { DEFAULT_REPO_CONFIG } from "../src/metrics/repo-config.js";
import type { Actor } from "../src/records/types.js";
import { storeFetchedPullRequests } from "../src/sync/persist/store-fetched.js";
import { openBenchDatabase } from "./database.js";

/**
 * The `rollups` section (issue 10): what keeping the rollups current costs a backfill. One repository's
 * year of PRs is stored page by page through the sync's own path (`storeFetchedPullRequests`, which
 * rebuilds the weeks each page touches); after each page the same rebuild runs again alone and is timed.
 * Upkeep share = rebuild time ÷ (page time − rebuild time): the slowdown against storing without it.
 * Both are timed in the same run, page after page, so a busy machine slows both alike.
 */
export interface RollupUpkeepResult {
  prs: number;
  pageSize: number;
  /** Storing every page, rollup upkeep included. */
  storeMs: number;
  /** The upkeep alone, the same rebuilds run again after each page. */
  upkeepMs: number;
  rollups: number;
}

const PAGE_SIZE = 50;
const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * 24 * HOUR_MS;
const REPO = { installationId: 1, repoId: 10, repo: "acme/widgets" };
const PEOPLE: Actor[] = ["alice", "bob", "carol", "dave", "erin", "frank"].map((login, index) => ({
  login,
  id: index + 1,
  type: "User",
}));

/** PR `n` of `total`, created evenly over a year, merged within about eight days, with its lists. */
function fetchedPullRequest(n: number, total: number, end: number): FetchedPullRequest {
  const { installationId, repoId } = REPO;
  const scope = { installationId, repoId, prNumber: n };
  const createdAt = new Date(end - ((total - n) / total) * YEAR_MS);
  const mergedAt = new Date(createdAt.getTime() + ((n * 7919) % 200) * HOUR_MS);
  const headSha = `head${n}`;
  const reviewer = PEOPLE[(n + 1) % PEOPLE.length];
  const hoursLater = (hours: number) => new Date(createdAt.getTime() + hours * HOUR_MS);
  return {
    pr: {
      ...REPO,
      prId: 1000 + n,
      number: n,
      nodeId: null,
      title: `Change ${n}`,
      body: "",
      author: PEOPLE[n % PEOPLE.length],
      state: "merged",
      draft: false,
      createdAt,
      updatedAt: mergedAt,
      closedAt: mergedAt,
      mergedAt,
      headRef: `feature-${n}`,
      headSha,
      baseRef: "main",
      mergeCommitSha: null,
      labels: [],
      milestone: null,
      assignees: [],
      linkedIssues: [],
      additions: 10,
      deletions: 2,
      changedFiles: 1,
      truncated: [],
    },
    draft: { openedAsDraft: false, firstReadyForReviewAt: null },
    reviews: [1, 2].map((k) => ({
      ...scope,
      reviewId: 10 * n + k,
      author: reviewer,
      state: "APPROVED",
      submittedAt: hoursLater(k),
      commitId: null,
    })),
    commits: [1, 2, 3].map((k) => ({
      ...scope,
      sha: `c${n}-${k}`,
      message: "Change things",
      authorName: "Alice",
      authorEmail: "alice@example.com",
      authorLogin: "alice",
      authoredAt: hoursLater(-k),
      committedAt: hoursLater(-k),
      truncated: [],
    })),
    files: [{ ...scope, filename: "src/a.ts", status: "modified", additions: 1, deletions: 0 }],
    checkRuns: [1, 2].map((k) => ({
      installationId,
      repoId,
      checkRunId: 100 * n + k,
      checkSuiteId: null,
      name: `check ${k}`,
      headSha,
      status: "completed",
      conclusion: "success",
      startedAt: hoursLater(1),
      completedAt: hoursLater(1.1),
      appSlug: "github-actions",
      prNumbers: [n],
    })),
    comments: [1, 2].map((k) => ({
      ...scope,
      kind: "issue" as const,
      commentId: 1000 * n + k,
      author: reviewer,
      createdAt: hoursLater(k),
      updatedAt: hoursLater(k),
    })),
    notes: [],
  };
}

export async function measureRollupUpkeep(options: {
  mongoUri: string;
  prs: number;
}): Promise<RollupUpkeepResult> {
  const db = await openBenchDatabase(options.mongoUri, "rollups");
  try {
    await db.store.repositories.create({ installationId: 1, repoId: 10, fullName: REPO.repo });
    const end = Date.UTC(2026, 0, 1);
    let storeMs = 0;
    let upkeepMs = 0;
    // Newest first, as the backfill reads.
    for (let last = options.prs; last > 0; last -= PAGE_SIZE) {
      const page = [];
      for (let n = last; n > Math.max(0, last - PAGE_SIZE); n -= 1)
        page.push(fetchedPullRequest(n, options.prs, end));
      let started = performance.now();
      await storeFetchedPullRequests(db.store, page, DEFAULT_REPO_CONFIG);
      storeMs += performance.now() - started;
      started = performance.now();
      await rebuildRollups(
        db.store,
        REPO,
        page.flatMap((item) => weeksToRebuild(item.pr)),
      );
      upkeepMs += performance.now() - started;
    }
    const rollups = await db.store.rollups.countDocuments({ installationId: 1 });
    return { prs: options.prs, pageSize: PAGE_SIZE, storeMs, upkeepMs, rollups };
  } finally {
    await db.drop();
  }
}
