import { RateLimitReservedError } from "../../src/github/index.js";
import { completePullRequest } from "../../src/sync/jobs/complete-pull-request.js";
import {
  countOperations,
  jobRun,
  simulatorDeps,
  simulatorProbot,
  useSimulatedOrg,
} from "./helpers/simulated-github.js";

// Seed "sync" with 300 PRs holds PRs whose lists pass 100 (found with SimulatedOrg#pulls).
const { db, sim, repoId, ref } = useSimulatedOrg({ repos: 1, prsPerRepo: 300 });

const payload = (number: number) => ({ ...ref(), number });
const scope = (prNumber: number) => ({ ...ref(), prNumber });

async function complete(number: number, probot = simulatorProbot(sim())) {
  const deps = simulatorDeps(db.store(), probot);
  await completePullRequest(jobRun("complete-pull-request", payload(number)), deps);
  return deps;
}

describe("complete-pull-request", () => {
  it("stores a merged PR with every list, its draft history and its metrics, and marks it complete", async () => {
    const pull = sim()
      .org.pulls("web")
      .find((p) => p.mergedAt && p.reviews > 0 && p.comments > 0 && p.commits > 1);
    if (!pull) throw new Error("no suitable PR in the simulated repository");
    const ops = countOperations(sim());

    await complete(pull.number);

    const stored = await db.store().pullRequests.findOne({ repoId: repoId(), number: pull.number }).lean();
    expect(stored).toMatchObject({
      state: "merged",
      // GitHub's timestamps have whole seconds.
      mergedAt: new Date(Math.floor((pull.mergedAt ?? 0) / 1000) * 1000),
      dataComplete: true,
      dataNotes: [],
      openedAsDraft: pull.openedAsDraft,
    });
    expect(stored?.readyAt).toBeInstanceOf(Date);
    expect(Object.keys(stored?.metrics ?? {}).length).toBeGreaterThan(0);
    const s = db.store();
    expect(await s.commits.countDocuments(scope(pull.number))).toBe(pull.commits);
    expect(await s.changedFiles.countDocuments(scope(pull.number))).toBe(pull.files);
    expect(await s.reviews.countDocuments(scope(pull.number))).toBe(pull.reviews);
    expect(await s.comments.countDocuments({ ...scope(pull.number), kind: "issue" })).toBe(pull.comments);
    expect(await s.checkRuns.countDocuments({ headSha: pull.headSha })).toBeGreaterThan(0);
    // One query for the whole PR when no list passes 100.
    expect(ops.counts.get("PullRequestByNumber")).toBe(1);
  });

  it("pages past 100 on commits, files, reviews, and both kinds of comments", async () => {
    const pulls = sim().org.pulls("web");
    // The smallest list past 100 of each kind (the embedded test database is slow to write).
    const smallestOver100 = (list: "commits" | "files" | "reviews" | "comments" | "reviewComments") =>
      pulls.filter((p) => p[list] > 100).sort((a, b) => a[list] - b[list])[0];
    const big = {
      commits: smallestOver100("commits"),
      files: smallestOver100("files"),
      reviews: smallestOver100("reviews"),
      comments: smallestOver100("comments"),
      reviewComments: smallestOver100("reviewComments"),
    };
    for (const pull of Object.values(big)) if (pull) await complete(pull.number);

    const s = db.store();
    if (!big.commits || !big.files || !big.reviews || !big.comments || !big.reviewComments)
      throw new Error("the simulated repository lacks a PR with a list past 100");
    // The simulator's GraphQL serves every commit (its REST stops at 250, GitHub's cap).
    expect(await s.commits.countDocuments(scope(big.commits.number))).toBe(big.commits.commits);
    expect(await s.changedFiles.countDocuments(scope(big.files.number))).toBe(big.files.files);
    expect(await s.reviews.countDocuments(scope(big.reviews.number))).toBe(big.reviews.reviews);
    expect(await s.comments.countDocuments({ ...scope(big.comments.number), kind: "issue" })).toBe(
      big.comments.comments,
    );
    expect(await s.comments.countDocuments({ ...scope(big.reviewComments.number), kind: "review" })).toBe(
      big.reviewComments.reviewComments,
    );
  });

  it("is idempotent: completing a PR twice stores each record once", async () => {
    const pull = sim()
      .org.pulls("web")
      .find((p) => p.commits > 3 && p.files > 3 && p.comments > 0);
    if (!pull) throw new Error("no suitable PR");
    await complete(pull.number);
    await complete(pull.number);
    expect(await db.store().pullRequests.countDocuments({ number: pull.number })).toBe(1);
    expect(await db.store().commits.countDocuments(scope(pull.number))).toBe(pull.commits);
    expect(await db.store().comments.countDocuments(scope(pull.number))).toBe(
      pull.comments + pull.reviewComments,
    );
  });

  it("waits out a secondary limit's retry-after and completes the PR", async () => {
    const limited = sim().injectFault({ kind: "secondaryLimit", retryAfter: 1, match: { api: "graphql" } });
    const started = Date.now();
    await complete(1, simulatorProbot(sim(), { throttling: true }));
    expect(limited.hits()).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await db.store().pullRequests.findOne({ number: 1 }).lean()).toMatchObject({ dataComplete: true });
  });

  it("stops with the time to resume when a secondary limit asks for a long wait", async () => {
    sim().injectFault({ kind: "secondaryLimit", retryAfter: 900, match: { api: "graphql" } });
    const error = await complete(1, simulatorProbot(sim(), { throttling: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitReservedError);
    const resetAt = (error as RateLimitReservedError).resetAt.getTime();
    expect(resetAt).toBeGreaterThan(Date.now() + 850_000);
    expect(await db.store().pullRequests.countDocuments()).toBe(0);
  });

  it("ends cleanly when the PR does not exist, storing nothing", async () => {
    const deps = await complete(9999);
    expect(await db.store().pullRequests.countDocuments()).toBe(0);
    expect(deps.reported).toEqual([]);
  });
});
