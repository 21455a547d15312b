import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { beginBackfill } from "../../src/sync/repository-state.js";
import {
  countOperations,
  jobRun,
  pullsUpdatedSince,
  simulatorDeps,
  simulatorProbot,
  useSimulatedOrg,
} from "./helpers/simulated-github.js";
import { waitFor } from "./helpers/wait-for.js";
import { startWorkerProcess, type WorkerProcess } from "./helpers/worker-process.js";

/**
 * `npm run worker` as operators run it: child processes against the test database and the simulator.
 * The workers use the production settings (GitHub's throttling spaces GraphQL calls a second apart,
 * Agenda polls every 5 s), so each test waits a few seconds.
 */
const { db, sim, repoId, ref, repository, storedNumbers } = useSimulatedOrg({ repos: 1, prsPerRepo: 30 });
let queue: Queue;
const DAYS = 40;

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo);
});
beforeEach(() => queue.jobs.deleteMany({}));

/** A backfill queued with pages of 3 PRs (as a checkpoint would carry), so a few PRs make many pages. */
async function queueSmallPagedBackfill(): Promise<Date> {
  const state = await beginBackfill(db.store(), ref(), DAYS, new Date());
  await db.store().repositories.updateOne({ repoId: repoId() }, { $set: { "backfill.pageSize": 3 } });
  await enqueue(queue, "backfill-repository", { ...ref(), days: DAYS });
  return state.since;
}

describe("worker processes", () => {
  it("resumes a backfill whose worker was killed mid-way: every PR stored once, none missing", async () => {
    const ops = countOperations(sim());
    const since = await queueSmallPagedBackfill();
    const worker = await startWorkerProcess(sim(), db.dbName);
    await waitFor(async () => ((await repository())?.backfill?.pagesDone ?? 0) >= 2);
    worker.kill("SIGKILL");
    expect(await worker.exited).toMatchObject({ signal: "SIGKILL" });
    const killedAt = (await repository())?.backfill;
    expect(killedAt?.completedAt).toBeNull();

    await backfillRepository(
      jobRun("backfill-repository", { ...ref(), days: DAYS }),
      simulatorDeps(db.store(), simulatorProbot(sim())),
    );

    const want = pullsUpdatedSince(sim().org, "web", since);
    expect(await storedNumbers()).toEqual(want);
    const done = (await repository())?.backfill;
    expect(done).toMatchObject({ prsStored: want.length, progress: 100 });
    expect(done?.completedAt).toBeInstanceOf(Date);
    // Resumed after the last checkpoint: at most the page in flight at the kill was fetched twice.
    expect(ops.counts.get("PullRequestsPage")).toBeLessThanOrEqual((done?.pagesDone ?? 0) + 1);
    expect(done?.pagesDone).toBeGreaterThan(killedAt?.pagesDone ?? Infinity);
  }, 60_000);

  describe("two workers on one database", () => {
    let workers: WorkerProcess[] = [];
    afterEach(async () => {
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.exited));
      workers = [];
    });

    it("run each of many jobs exactly once", async () => {
      const ops = countOperations(sim());
      const numbers = Array.from({ length: 10 }, (_, i) => i + 1);
      for (const number of numbers) await enqueue(queue, "complete-pull-request", { ...ref(), number });
      workers = await Promise.all([
        startWorkerProcess(sim(), db.dbName),
        startWorkerProcess(sim(), db.dbName),
      ]);

      const lockedBy = new Set<string>();
      await waitFor(async () => {
        const jobs = await queue.jobs.find({ name: "complete-pull-request" }).toArray();
        for (const job of jobs) if (job.lockedAt) lockedBy.add(String(job.lastModifiedBy));
        return jobs.length === 0;
      }, 40_000);

      expect([...ops.numbers].sort((a, b) => a - b)).toEqual(numbers);
      expect(await db.store().pullRequests.countDocuments({ dataComplete: true })).toBe(numbers.length);
      // Both workers took jobs (Agenda's lastModifiedBy names the worker that locked one).
      expect([...lockedBy].sort()).toEqual(workers.map((worker) => worker.name).sort());
    }, 60_000);

    it("hand a job over when the worker running it is stopped: nothing lost, no page fetched twice", async () => {
      const ops = countOperations(sim());
      const since = await queueSmallPagedBackfill();
      workers = await Promise.all([
        startWorkerProcess(sim(), db.dbName),
        startWorkerProcess(sim(), db.dbName),
      ]);
      const job = await waitFor(async () => {
        const running = await queue.jobs.findOne({ name: "backfill-repository", lockedAt: { $ne: null } });
        return running && ((await repository())?.backfill?.pagesDone ?? 0) >= 1 ? running : null;
      });
      const holder = workers.find((worker) => worker.name === job.lastModifiedBy);
      if (!holder) throw new Error(`no worker named ${String(job.lastModifiedBy)}`);

      holder.kill("SIGTERM");
      expect(await holder.exited).toEqual({ code: 0, signal: null });
      const handedOver = (await repository())?.backfill;
      expect(handedOver?.completedAt).toBeNull();

      await waitFor(async () => (await repository())?.backfill?.completedAt != null, 40_000);
      const want = pullsUpdatedSince(sim().org, "web", since);
      expect(await storedNumbers()).toEqual(want);
      const done = (await repository())?.backfill;
      expect(done?.pagesDone).toBeGreaterThan(handedOver?.pagesDone ?? Infinity);
      expect(ops.counts.get("PullRequestsPage")).toBe(done?.pagesDone);
      expect(await queue.jobs.countDocuments({ name: "backfill-repository" })).toBe(0);
    }, 60_000);
  });
});
