import type { Simulator } from "../../src/simulator/server.js";
import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { enqueueInstallationSyncs } from "../../src/sync/jobs/schedule-syncs.js";
import { syncInstallation } from "../../src/sync/jobs/sync-installation.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import {
  jobRun,
  simulatorDeps,
  simulatorProbot,
  startTestSimulator,
  trackOrg,
  type TestDeps,
} from "./helpers/simulated-github.js";

const db = useTestDatabase();
let sim: Simulator;
let deps: TestDeps;
const DAYS = 20;

// A fresh organisation per test: the tests below change it.
beforeEach(async () => {
  sim = await startTestSimulator({ repos: 2, prsPerRepo: 30 });
  await clearStore(db.store());
  await trackOrg(db.store(), sim.org);
  deps = simulatorDeps(db.store(), simulatorProbot(sim), { backfillDays: DAYS });
});
afterEach(() => sim.stop());

const installationId = () => sim.org.installationId;
const repoOf = (name: string) => {
  const repo = sim.org.repo(name);
  if (!repo) throw new Error(`no repository ${name}`);
  return repo;
};
const pr = (name: string, number: number) =>
  db
    .store()
    .pullRequests.findOne({ repoId: repoOf(name).id, number })
    .lean();
const repository = (name: string) =>
  db
    .store()
    .repositories.findOne({ repoId: repoOf(name).id })
    .lean();

async function backfillAll(): Promise<void> {
  for (const repo of sim.org.repos) {
    const payload = { installationId: installationId(), repoId: repo.id, days: DAYS };
    await backfillRepository(jobRun("backfill-repository", payload), deps);
  }
}

const sync = (attempt = 0) =>
  syncInstallation(jobRun("sync-installation", { installationId: installationId() }, { attempt }), deps);

describe("sync-installation", () => {
  it("picks up PRs merged, closed, force-pushed and opened since the last sync, whatever their age", async () => {
    await backfillAll();
    const lastStart = (await repository("web"))?.lastSyncStartedAt;
    // Open PRs of the generated "web" repository, older than the backfill window.
    const [merged, closed, pushed] = [16, 28, 30];
    const oldCommits = await db
      .store()
      .commits.find({ repoId: repoOf("web").id, prNumber: pushed })
      .lean();
    sim.org.mergePullRequest("web", merged);
    sim.org.closePullRequest("web", closed);
    const rewritten = sim.org.forcePush("web", pushed);
    const added = sim.org.addPullRequest("api", { title: "A new one" });

    await sync();

    expect(await pr("web", merged)).toMatchObject({ state: "merged", dataComplete: true });
    expect(await pr("web", closed)).toMatchObject({ state: "closed", mergedAt: null });
    expect(await pr("web", pushed)).toMatchObject({ headSha: rewritten.headSha, dataComplete: true });
    const shas = (
      await db
        .store()
        .commits.find({ repoId: repoOf("web").id, prNumber: pushed })
        .lean()
    ).map((commit) => commit.sha);
    expect(shas).toHaveLength(rewritten.commits);
    expect(shas).toContain(rewritten.headSha);
    for (const old of oldCommits) expect(shas).not.toContain(old.sha);
    expect(await pr("api", added.number)).toMatchObject({ title: "A new one", dataComplete: true });
    for (const name of ["web", "api"]) {
      const repo = await repository(name);
      expect(repo).toMatchObject({ syncStatus: "complete", lastSyncError: null });
      expect(repo?.lastSyncStartedAt?.getTime()).toBeGreaterThan(lastStart?.getTime() ?? Infinity);
    }
  });

  it("tracks repositories GitHub lists and backfills them; forgets those it no longer lists", async () => {
    const api = repoOf("api");
    await db.store().repositories.deleteOne({ repoId: api.id });
    const gone = { installationId: installationId(), repoId: 999, fullName: "acme/gone" };
    await db.store().repositories.create(gone);
    await db.store().pullRequests.create({
      installationId: gone.installationId,
      repoId: gone.repoId,
      repo: gone.fullName,
      prId: 1,
      number: 1,
      author: { login: "octocat" },
      state: "open",
      createdAt: new Date(),
      updatedAt: new Date(),
    });

    await sync();

    expect(await repository("api")).toMatchObject({ fullName: api.fullName, syncStatus: "pending" });
    expect(await db.store().repositories.countDocuments({ repoId: 999 })).toBe(0);
    expect(await db.store().pullRequests.countDocuments({ repoId: 999 })).toBe(0);
    // Never backfilled: both repositories get a backfill, not an incremental sync.
    expect(deps.enqueued.map((job) => job.name)).toEqual(["backfill-repository", "backfill-repository"]);
    expect(deps.enqueued[0].payload).toEqual({
      installationId: installationId(),
      repoId: api.id,
      days: DAYS,
    });
  });

  it("queues completion for stored PRs that still lack complete data", async () => {
    await backfillAll();
    // The least recently updated PR: one the incremental sync does not fetch again.
    const [oldest] = await db.store().pullRequests.find().sort({ updatedAt: 1 }).limit(1).lean();
    await db.store().pullRequests.updateOne({ _id: oldest._id }, { $set: { dataComplete: false } });
    const incomplete = await db.store().pullRequests.find({ dataComplete: false }).lean();
    expect(incomplete).toHaveLength(1);

    await sync();

    expect(
      deps.enqueued.filter((job) => job.name === "complete-pull-request").map((job) => job.payload),
    ).toEqual(
      expect.arrayContaining(
        incomplete.map(({ repoId, number }) => ({ installationId: installationId(), repoId, number })),
      ),
    );
  });

  it("records a repository's failure, syncs the others, and on retry syncs only the failed one", async () => {
    await backfillAll();
    const broken = sim.injectFault({
      kind: "5xx",
      match: (request) => request.body.includes('"name":"api"'),
    });

    await expect(sync()).rejects.toThrow(/sync failed for 1 of 2 repositories: acme\/api/);
    expect(broken.hits()).toBe(1);
    expect(await repository("api")).toMatchObject({
      syncStatus: "error",
      lastSyncError: expect.stringMatching(/500/),
    });
    const web = await repository("web");
    expect(web).toMatchObject({ syncStatus: "complete" });

    sim.resetStats();
    await sync(1);
    expect(await repository("api")).toMatchObject({ syncStatus: "complete", lastSyncError: null });
    expect((await repository("web"))?.lastSyncAt).toEqual(web?.lastSyncAt);
  });

  it("does nothing for a suspended installation, and ends cleanly for one GitHub no longer knows", async () => {
    await db.store().installations.updateOne({}, { $set: { suspendedAt: new Date() } });
    await sync();
    expect(sim.stats().restRequests + sim.stats().graphqlRequests).toBe(0);

    await syncInstallation(jobRun("sync-installation", { installationId: 777 }), deps);
    expect(sim.stats().byRoute["POST /app/installations/:id/access_tokens"]).toBe(1);
    expect(deps.enqueued).toEqual([]);
  });
});

describe("schedule-syncs", () => {
  it("queues a sync for every installation that is not suspended", async () => {
    await db.store().installations.create({
      installationId: 5,
      account: { id: 5, login: "paused", type: "Organization" },
      repositorySelection: "all",
      suspendedAt: new Date(),
    });
    expect(await enqueueInstallationSyncs(deps)).toBe(1);
    expect(deps.enqueued).toEqual([
      { name: "sync-installation", payload: { installationId: installationId() } },
    ]);
  });
});
