import { refreshPullRequests } from "../../src/convert/refresh-pull-requests.js";
import { refreshRepositoryPullRequests, type RefreshProgress } from "../../src/convert/refresh-repository.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../../src/metrics/repo-config.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { at, REPO, seedRecords, storedPullRequest } from "./seed.js";

const db = useTestDatabase();
const pr7 = { ...REPO, number: 7 };
/** The convert step as the inbox and the sync call it, for PR 7 alone. */
const refreshPullRequest = (store: ReturnType<typeof db.store>, pr: typeof pr7, repoConfig: RepoConfig) =>
  refreshPullRequests(store, REPO, [pr.number], repoConfig);
const findPr = (number = 7, repoId = REPO.repoId) =>
  db
    .store()
    .pullRequests.findOne({ ...REPO, repoId, number }, { _id: 0 })
    .lean();
/** `ci-robot` is a bot only because the repository says so; any case matches. */
const config: RepoConfig = { ...DEFAULT_REPO_CONFIG, bots: ["CI-Robot"] };

beforeEach(async () => {
  await clearStore(db.store());
  await seedRecords(db.store());
});

describe("refreshPullRequests", () => {
  it("writes every derived field from the PR's stored records", async () => {
    await db.store().pullRequests.create(storedPullRequest());
    await refreshPullRequest(db.store(), pr7, config);

    expect(await findPr()).toMatchObject({
      // Opened as a draft; left it at 12:00.
      readyAt: at("2026-03-02T12:00:00Z"),
      // bob 14:30 COMMENTED; alice is the author, renovate[bot] a bot, ci-robot a configured bot, and
      // the PENDING review and PR #8's do not count.
      firstReviewAt: at("2026-03-02T14:30:00Z"),
      firstApprovalAt: at("2026-03-03T09:00:00Z"), // carol
      reviewers: ["bob", "carol"], // in the order of their first reviews
      reviewsByReviewer: [
        { login: "bob", count: 1 },
        { login: "carol", count: 1 },
      ],
      isRevert: true, // title `Revert "…`
      isHotfix: true, // branch hotfix/…
      aiAssisted: true,
      aiEvidence: ["co-author:Claude <noreply@anthropic.com>"],
      metrics: {
        codingTimeHours: 12, // created 03-02 10:00 − first commit authored 03-01 22:00
        pickupTimeHours: 2.5, // first review 14:30 − ready 12:00
        reviewTimeHours: 25.5, // merged 03-03 16:00 − first review 03-02 14:30
        cycleTimeHours: 30, // merged 03-03 16:00 − created 03-02 10:00
        reviewCount: 2, // bob, carol
        reviewersCount: 2,
        approvalsCount: 1,
        changesRequestedCount: 0,
        commitsCount: 3, // PR #8's commit is not this PR's
        commitsAfterFirstReview: 1, // committed 16:00 > 14:30
        issueCommentsCount: 1, // alice's; the bot's does not count
        reviewCommentsCount: 2,
        // On head7, latest run per name: build (re-run, success, 600 s), lint (failure, 300 s),
        // preview (in progress: counted, no duration); the run on old-head does not count.
        checkRunsCount: 3,
        checkRunsFailed: 1,
        ciDurationSeconds: 900,
        ciWallSeconds: 1800, // latest completion 12:30 − earliest start 12:00
        additions: 10,
        deletions: 2,
        changedFiles: 3,
      },
    });
    // The stored metrics are replaced as a whole, not merged into.
    expect((await findPr())?.metrics).not.toHaveProperty("stale");
  });

  it("leaves webhook-owned fields and the sync engine's dataComplete/dataNotes alone", async () => {
    await db.store().pullRequests.create(storedPullRequest());
    const before = await findPr();
    await refreshPullRequest(db.store(), pr7, config);
    const after = await findPr();

    const derived = ["readyAt", "firstReviewAt", "firstApprovalAt", "isRevert", "isHotfix"].concat([
      "reviewers",
      "reviewsByReviewer",
      "aiAssisted",
      "aiEvidence",
      "metrics",
      "rollupWeeks",
      "firstCommitAt",
    ]);
    const rest = (doc: object | null) =>
      Object.fromEntries(Object.entries(doc ?? {}).filter(([field]) => !derived.includes(field)));
    expect(rest(after)).toEqual(rest(before));
    expect(after).toMatchObject({ dataComplete: true, dataNotes: ["commits capped at 250"] });
  });

  it("counts a reviewer the repository does not list as a bot", async () => {
    await db.store().pullRequests.create(storedPullRequest());
    await refreshPullRequest(db.store(), pr7, DEFAULT_REPO_CONFIG);

    // ci-robot (a User) approved at 13:30: the first review and approval.
    expect(await findPr()).toMatchObject({
      firstReviewAt: at("2026-03-02T13:30:00Z"),
      firstApprovalAt: at("2026-03-02T13:30:00Z"),
      reviewers: ["ci-robot", "bob", "carol"],
      metrics: { pickupTimeHours: 1.5, reviewTimeHours: 26.5, reviewCount: 3, approvalsCount: 2 },
    });
  });

  it("does nothing for a PR that is not stored", async () => {
    await expect(refreshPullRequest(db.store(), pr7, config)).resolves.toBeUndefined();
    expect(await db.store().pullRequests.countDocuments()).toBe(0);
  });
});

describe("refreshRepositoryPullRequests", () => {
  it("refreshes every PR of the repository in batches and reports progress", async () => {
    const prs = Array.from({ length: 450 }, (_, i) => storedPullRequest({ number: i + 1, prId: i + 1 }));
    await db.store().pullRequests.insertMany(prs);
    await db.store().pullRequests.create(storedPullRequest({ repoId: 11 }));
    const progress: RefreshProgress[] = [];

    await refreshRepositoryPullRequests(db.store(), REPO, config, (step) => progress.push(step));

    expect(progress).toEqual([
      { done: 200, total: 450 },
      { done: 400, total: 450 },
      { done: 450, total: 450 },
    ]);
    // PR #7 has the records; the others none: commits not fetched (null), zero reviews.
    expect(await findPr(7)).toMatchObject({ metrics: { pickupTimeHours: 2.5, commitsCount: 3 } });
    expect(await findPr(450)).toMatchObject({
      readyAt: at("2026-03-02T12:00:00Z"),
      firstReviewAt: null,
      reviewers: [],
      metrics: { reviewCount: 0, commitsCount: null, pickupTimeHours: null, cycleTimeHours: 30 },
    });
    expect(await db.store().pullRequests.countDocuments({ ...REPO, "metrics.stale": 1 })).toBe(0);
    // Another repository's PR is not touched.
    expect(await findPr(7, 11)).toMatchObject({ metrics: { stale: 1 }, readyAt: null });
  });

  it("does nothing for a repository without PRs", async () => {
    const progress: RefreshProgress[] = [];
    await refreshRepositoryPullRequests(db.store(), REPO, config, (step) => progress.push(step));
    expect(progress).toEqual([]);
  });
});
