import { JobPaused } from "../../src/sync/job-context.js";
import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { recordAccess } from "../../src/storage/write/access.js";
import { removeRepositories } from "../../src/storage/write/installations.js";
import {
  countOperations,
  jobRun,
  pullsUpdatedSince,
  simulatorDeps,
  simulatorProbot,
  useSimulatedOrg,
} from "./helpers/simulated-github.js";

const { db, sim, repoId, ref, repository, storedNumbers } = useSimulatedOrg({ repos: 1, prsPerRepo: 30 });
const DAYS = 40;

const payload = () => ({ ...ref(), days: DAYS });
const expected = async () => {
  const since = (await repository())?.backfill?.since;
  if (!since) throw new Error("no backfill recorded");
  return pullsUpdatedSince(sim().org, "web", since);
};
const isPage = (body: string) => body.includes("query PullRequestsPage");

describe("backfill-repository", () => {
  it("stores every PR updated in the window, complete, checkpointing after each page", async () => {
    const ops = countOperations(sim());
    const run = jobRun("backfill-repository", payload());
    await backfillRepository(run, simulatorDeps(db.store(), simulatorProbot(sim())));

    const want = await expected();
    expect(want.length).toBeGreaterThan(6);
    expect(want.length).toBeLessThan(30);
    expect(await storedNumbers()).toEqual(want);
    expect(await db.store().pullRequests.countDocuments({ dataComplete: false })).toBe(0);
    const repo = await repository();
    expect(repo).toMatchObject({ syncStatus: "complete", lastSyncError: null });
    expect(repo?.backfill).toMatchObject({ cursor: null, progress: 100, prsStored: want.length, days: DAYS });
    expect(repo?.backfill?.pagesDone).toBe(ops.counts.get("PullRequestsPage"));
    expect(repo?.backfill?.pagesDone).toBeGreaterThanOrEqual(3);
    expect(repo?.backfill?.completedAt).toBeInstanceOf(Date);
    expect(repo?.lastSyncStartedAt).toEqual(repo?.backfill?.startedAt);
    // A checkpoint (lock renewal and progress) after every page of PRs or deployments, progress only growing.
    const deploymentPages = ops.counts.get("DeploymentsPage") ?? 0;
    expect(deploymentPages).toBe(1);
    expect(run.checkpoints).toHaveLength((repo?.backfill?.pagesDone ?? -1) + deploymentPages);
    expect([...run.checkpoints].sort((a, b) => a - b)).toEqual(run.checkpoints);
  });

  it("resumes a stopped backfill at its checkpoint: no page fetched twice, no PR missing", async () => {
    const ops = countOperations(sim());
    const deps = simulatorDeps(db.store(), simulatorProbot(sim()));
    const first = jobRun("backfill-repository", payload(), {
      onCheckpoint: (count) => {
        if (count === 2) throw new JobPaused("stop after two pages");
      },
    });
    await expect(backfillRepository(first, deps)).rejects.toBeInstanceOf(JobPaused);
    expect(await repository()).toMatchObject({
      syncStatus: "syncing",
      backfill: { pagesDone: 2, prsStored: 6 },
    });
    expect(await db.store().pullRequests.countDocuments()).toBe(6);
    const pagesBefore = ops.counts.get("PullRequestsPage");

    await backfillRepository(jobRun("backfill-repository", payload()), deps);

    const want = await expected();
    expect(await storedNumbers()).toEqual(want);
    const backfill = (await repository())?.backfill;
    expect(backfill).toMatchObject({ prsStored: want.length, progress: 100 });
    // Every page was fetched once: the two before the stop, the rest after.
    expect(pagesBefore).toBe(2);
    expect(ops.counts.get("PullRequestsPage")).toBe(backfill?.pagesDone);
    expect(await repository()).toMatchObject({ syncStatus: "complete" });
  });

  it("shrinks a page GitHub answers with a 502 and keeps the smaller size in the checkpoint", async () => {
    const fault = sim().injectFault({ kind: "graphql502", match: (request) => isPage(request.body) });
    const deps = simulatorDeps(db.store(), simulatorProbot(sim()), { pageSize: 10 });
    await backfillRepository(jobRun("backfill-repository", payload()), deps);

    expect(fault.hits()).toBe(1);
    expect(await storedNumbers()).toEqual(await expected());
    const backfill = (await repository())?.backfill;
    expect(backfill?.pageSize).toBe(5);
    expect(backfill?.pagesDone).toBeGreaterThanOrEqual(Math.ceil((await expected()).length / 5));
  });

  it("keeps going when the installation token expires mid-backfill", async () => {
    let pages = 0;
    const expiry = sim().injectFault({
      kind: "expireTokens",
      match: (request) => isPage(request.body) && ++pages === 2,
    });
    await backfillRepository(
      jobRun("backfill-repository", { ...payload(), days: 20 }),
      simulatorDeps(db.store(), simulatorProbot(sim())),
    );

    expect(expiry.hits()).toBe(1);
    expect(await storedNumbers()).toEqual(await expected());
    expect(sim().stats().byRoute["POST /app/installations/:id/access_tokens"]).toBe(2);
  });

  it("stops at the next page when the repository is removed from the app mid-backfill", async () => {
    const ops = countOperations(sim());
    const { installationId } = sim().org;
    const run = jobRun("backfill-repository", payload(), {
      onCheckpoint: async (count) => {
        if (count !== 1) return;
        await recordAccess(db.store(), ref(), true, null);
        await removeRepositories(db.store(), installationId, [repoId()]);
      },
    });
    await backfillRepository(run, simulatorDeps(db.store(), simulatorProbot(sim())));

    // The page in flight is dropped; no page after it is fetched.
    expect(ops.counts.get("PullRequestsPage")).toBe(2);
    expect(await db.store().pullRequests.countDocuments({ repoId: repoId() })).toBe(0);
    expect(await repository()).toBeNull();
  });

  it("ends cleanly on a repository GitHub no longer shows, recording why", async () => {
    await db.store().repositories.updateOne({ repoId: repoId() }, { $set: { fullName: "acme/deleted" } });
    await backfillRepository(
      jobRun("backfill-repository", payload()),
      simulatorDeps(db.store(), simulatorProbot(sim())),
    );
    expect(await repository()).toMatchObject({
      syncStatus: "error",
      lastSyncError: expect.stringMatching(/^repository no longer accessible/),
    });
  });
});
