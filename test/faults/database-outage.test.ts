import { randomUUID } from "node:crypto";
import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { beginBackfill } from "../../src/sync/repository-state.js";
import { useTestDatabase } from "../harness/database.js";
import {
  jobRun,
  simulatorDeps,
  simulatorProbot,
  startTestSimulator,
  trackOrg,
} from "../sync/helpers/simulated-github.js";
import { waitFor } from "../sync/helpers/wait-for.js";
import { startWorkerProcess, type WorkerProcess } from "../sync/helpers/worker-process.js";
import type { Simulator } from "../../src/simulator/server.js";
import { tolerant, useOwnDatabaseServer } from "./helpers/own-database.js";
import { storedSnapshot } from "./helpers/snapshot.js";

/**
 * The database stopped in the middle of a backfill and started again on the same port, under
 * `npm run worker` as operators run it. The job's failure cannot be written while the database is away;
 * before the fix it stayed locked (nextRunAt null) for its 10-minute lock lifetime.
 */
const DAYS = 40;
/**
 * Long enough that the job fails (the driver gives up after 10 s) and Agenda's save of that failure fails
 * too (another 10 s): the case that left the job locked. A shorter blip lets the save through, and the
 * job then waited out Agenda's backoff (about a minute) instead.
 */
const OUTAGE_MS = 30_000;

const database = useOwnDatabaseServer(`fault_${randomUUID().replace(/-/g, "").slice(0, 12)}`);
const reference = useTestDatabase();
let sim: Simulator;
let queue: Queue;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  sim = await startTestSimulator({ repos: 1, prsPerRepo: 30 });
  await trackOrg(database.store(), sim.org);
  await trackOrg(reference.store(), sim.org);
  const mongo = database.store().db.db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo);
});
afterAll(async () => {
  worker?.kill("SIGKILL");
  await worker?.exited;
  await queue?.agenda.stop().catch(() => undefined);
  await sim?.stop();
});

it("resumes a backfill within a minute of the database's return, storing what a run without the outage stores", async () => {
  const repoId = sim.org.repos[0].id;
  const ref = { installationId: sim.org.installationId, repoId };
  const repository = () => database.store().repositories.findOne({ repoId }).lean();

  // Fault-free reference: the same backfill, in-process, into a database on the run's shared server.
  const startedAt = new Date();
  await beginBackfill(reference.store(), ref, DAYS, startedAt);
  await backfillRepository(
    jobRun("backfill-repository", { ...ref, days: DAYS }),
    simulatorDeps(reference.store(), simulatorProbot(sim)),
  );
  const expected = await storedSnapshot(reference.store(), repoId);
  expect(expected.numbers.length).toBeGreaterThan(10);

  // The same backfill from the same window, in pages of 3 PRs, under a worker process.
  await beginBackfill(database.store(), ref, DAYS, startedAt);
  await database.store().repositories.updateOne({ repoId }, { $set: { "backfill.pageSize": 3 } });
  await enqueue(queue, "backfill-repository", { ...ref, days: DAYS });
  worker = await startWorkerProcess(sim, database.store().db.name, database.uri());
  await waitFor(async () => ((await repository())?.backfill?.pagesDone ?? 0) >= 2, 40_000);

  await database.stop();
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await database.restart();

  // Within a minute of the return: the job is neither failed for good nor left locked.
  const done = await waitFor(
    tolerant(async () => {
      const state = await repository();
      return state?.backfill?.completedAt ? state : null;
    }),
    60_000,
  );
  expect(done.syncStatus).toBe("complete");
  expect(await storedSnapshot(database.store(), repoId)).toEqual(expected);
  await waitFor(async () => (await queue.jobs.countDocuments({ name: "backfill-repository" })) === 0, 10_000);
}, 180_000);
