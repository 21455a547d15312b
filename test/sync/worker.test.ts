import { createSyncHooks } from "../../src/sync/hooks.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { startWorker, type Worker } from "../../src/sync/worker.js";
import { countOperations, silentLog, simulatorProbot, useSimulatedOrg } from "./helpers/simulated-github.js";
import { waitFor } from "./helpers/wait-for.js";

const { db, sim, repoId, ref: repoRef, repository } = useSimulatedOrg({ repos: 1, prsPerRepo: 30 });
let queue: Queue;
let worker: Worker;
const reported: Array<{ error: unknown; context: Record<string, unknown> }> = [];
const env = { BACKFILL_DAYS: 60, SYNC_SCHEDULE: "0 4 * * *" };

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo, { processEvery: 100 });
  worker = await startWorker({
    queue,
    store: db.store(),
    app: simulatorProbot(sim()),
    env,
    log: silentLog,
    reportError: (error, context) => reported.push({ error, context }),
    pageSize: 5,
    // Agenda keeps a timer of half the lock lifetime per run job: short, so the test process can exit.
    lockLifetimeMs: 2000,
  });
});
afterAll(() => worker.stop());
beforeEach(async () => {
  reported.splice(0);
  await queue.jobs.deleteMany({ repeatInterval: null });
});

const ref = (number: number) => ({ ...repoRef(), number });

describe("the worker", () => {
  it("schedules the recurring jobs, in UTC", async () => {
    const recurring = await queue.jobs.find({ repeatInterval: { $ne: null } }).toArray();
    expect(recurring.map((job) => [job.name, job.repeatInterval, job.repeatTimezone]).sort()).toEqual([
      ["redeliver-failed-webhooks", "1 hour", "UTC"],
      ["schedule-syncs", "0 4 * * *", "UTC"],
    ]);
  });

  it("completes a merged PR queued by the webhook hook, then lets it be queued again", async () => {
    const hooks = createSyncHooks(queue, env, db.store());
    await hooks.onPullRequestMerged({ ...ref(3), repo: sim().org.repos[0].fullName });
    await waitFor(async () => (await db.store().pullRequests.findOne(ref(3)).lean())?.dataComplete === true);
    await waitFor(async () => (await queue.jobs.countDocuments({ name: "complete-pull-request" })) === 0);
    expect(await enqueue(queue, "complete-pull-request", ref(3))).toBe("queued");
  });

  it("recomputes a repository's PRs after its config changed, off the webhook's path", async () => {
    const hooks = createSyncHooks(queue, env, db.store());
    await hooks.onPullRequestMerged({ ...ref(5), repo: sim().org.repos[0].fullName });
    await waitFor(async () => (await db.store().pullRequests.findOne(ref(5)).lean())?.dataComplete === true);
    await db.store().pullRequests.updateOne(ref(5), { $set: { metrics: {}, readyAt: null } });

    await hooks.onRepoConfigChanged(repoRef());

    const recomputed = await waitFor(async () => {
      const pr = await db.store().pullRequests.findOne(ref(5)).lean();
      return pr?.readyAt ? pr : null;
    });
    expect(Object.keys(recomputed.metrics).length).toBeGreaterThan(0);
  });

  it("reschedules a job that reaches the rate limit for the reset, without using a retry, and resumes", async () => {
    const ops = countOperations(sim());
    let pages = 0;
    let exhaustedAt = 0;
    sim().injectFault({
      kind: "rateLimitExhausted",
      resetInMs: 1500,
      match: (request) => {
        if (!request.body.includes("query PullRequestsPage") || ++pages !== 2) return false;
        exhaustedAt = Date.now();
        return true;
      },
    });
    const hooks = createSyncHooks(queue, env, db.store());
    await hooks.onRepositoriesTracked(sim().org.installationId, [repoId()]);

    const paused = await waitFor(async () => {
      const job = await queue.jobs.findOne({ name: "backfill-repository" });
      return job && job.lockedAt === null && job.nextRunAt > new Date() ? job : null;
    });
    expect(paused.failCount ?? 0).toBe(0);
    // GitHub's x-ratelimit-reset: the reset 1.5 s after, rounded up to the second.
    expect(paused.nextRunAt.getTime()).toBeGreaterThanOrEqual(exhaustedAt + 1500);
    expect(paused.nextRunAt.getTime()).toBeLessThanOrEqual(exhaustedAt + 2500);
    expect(await repository()).toMatchObject({ syncStatus: "syncing", backfill: { pagesDone: 1 } });

    await waitFor(async () => (await repository())?.backfill?.completedAt != null);
    const backfill = (await repository())?.backfill;
    // Page 2 was refused and asked again after the reset; every other page once.
    expect(ops.counts.get("PullRequestsPage")).toBe((backfill?.pagesDone ?? 0) + 1);
    // The job goes once its run returns, just after the backfill records its completion.
    const left = await waitFor(async () => {
      const count = await queue.jobs.countDocuments({ name: "backfill-repository" });
      return count === 0 ? { count } : null;
    });
    expect(left.count).toBe(0);
    // (The simulator's raw `.github/mergelens.yml` may be reported as unreadable: not a job failure.)
    expect(reported.filter((report) => report.context.job)).toEqual([]);
  });

  it("reports a job out of retries with its context, marks the repository, and frees the work", async () => {
    sim().injectFault({ kind: "5xx", times: Infinity, match: { api: "graphql" } });
    await enqueue(queue, "complete-pull-request", ref(4), { at: new Date(Date.now() + 60_000) });
    // As if it had failed five times already: the next failure is its last.
    await queue.jobs.updateOne(
      { name: "complete-pull-request" },
      { $set: { failCount: 5, nextRunAt: new Date() } },
    );

    await waitFor(async () => (await queue.jobs.countDocuments({ name: "complete-pull-request" })) === 0);
    await waitFor(async () => reported.length === 1);
    expect(reported[0].context).toMatchObject({ job: "complete-pull-request", ...ref(4) });
    expect(await repository()).toMatchObject({
      syncStatus: "error",
      lastSyncError: expect.stringMatching(/^complete-pull-request #4: GitHub 500/),
    });
    expect(await enqueue(queue, "complete-pull-request", ref(4))).toBe("queued");
    await queue.jobs.deleteMany({ name: "complete-pull-request" });
  });

  it("fails a job with a bad payload at once, without retries", async () => {
    await queue.agenda
      .create("backfill-repository", { installationId: 1, repoId: repoId(), days: -1 })
      .save();
    await waitFor(async () => reported.length === 1);
    expect(String(reported[0].error)).toMatch(/bad payload/);
    await waitFor(async () => (await queue.jobs.countDocuments({ name: "backfill-repository" })) === 0);
  });

  it("starts beside another worker starting at the same moment, the recurring jobs saved once", async () => {
    const mongo = db.connection().db;
    if (!mongo) throw new Error("no database handle");
    // Each round empties the recurring jobs so both workers race to save them (the losing save used
    // to crash a worker most rounds on the embedded server).
    for (let round = 0; round < 5; round++) {
      await queue.jobs.deleteMany({ repeatInterval: { $ne: null } });
      const starting = [1, 2].map(async () =>
        startWorker({
          queue: await createQueue(mongo, { processEvery: 60_000 }),
          store: db.store(),
          app: simulatorProbot(sim()),
          env,
          log: silentLog,
          reportError: () => undefined,
        }),
      );
      const started = await Promise.allSettled(starting);
      await Promise.all(started.map((one) => (one.status === "fulfilled" ? one.value.stop() : undefined)));
      expect(started.map((one) => one.status)).toEqual(["fulfilled", "fulfilled"]);
      const recurring = await queue.jobs.find({ repeatInterval: { $ne: null } }).toArray();
      expect(recurring.map((job) => job.name).sort()).toEqual([
        "redeliver-failed-webhooks",
        "schedule-syncs",
      ]);
    }
  });
});
