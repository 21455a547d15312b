import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { beginBackfill } from "../../src/sync/repository-state.js";
import { startWorker, type Worker } from "../../src/sync/worker.js";
import {
  countOperations,
  pullsUpdatedSince,
  silentLog,
  simulatorProbot,
  useSimulatedOrg,
} from "./helpers/simulated-github.js";
import { waitFor } from "./helpers/wait-for.js";

/** A worker stopping while a job waits on GitHub: it lets go of the job quickly, and loses nothing. */
const { db, sim, ref, repository, storedNumbers } = useSimulatedOrg({ repos: 1, prsPerRepo: 30 });
const DAYS = 40;
const GRACE_MS = 300;
const HANG_MS = 8_000;

async function startNamedWorker(name: string): Promise<{ queue: Queue; worker: Worker }> {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  const queue = await createQueue(mongo, { processEvery: 100, name });
  const worker = await startWorker({
    queue,
    store: db.store(),
    app: simulatorProbot(sim()),
    env: { BACKFILL_DAYS: DAYS, SYNC_SCHEDULE: "0 4 * * *" },
    log: silentLog,
    reportError: () => undefined,
    pageSize: 3,
    // Agenda keeps a timer of half the lock lifetime per run job: short, so the test process can exit.
    lockLifetimeMs: 2000,
    stopGraceMs: GRACE_MS,
  });
  return { queue, worker };
}

describe("stopping a worker", () => {
  it("interrupts a GitHub call still pending after the grace, releases the job at once, and another worker completes it", async () => {
    const ops = countOperations(sim());
    let pages = 0;
    // The second page hangs far longer than the grace, as a slow or throttled GitHub would.
    const hang = sim().injectFault({
      kind: "graphqlTimeout",
      delayMs: HANG_MS,
      match: (request) => request.body.includes("query PullRequestsPage") && ++pages === 2,
    });
    const { since } = await beginBackfill(db.store(), ref(), DAYS, new Date());
    const first = await startNamedWorker("first");
    await enqueue(first.queue, "backfill-repository", { ...ref(), days: DAYS });
    await waitFor(async () => hang.hits() === 1);

    const stopping = Date.now();
    await first.worker.stop();
    expect(Date.now() - stopping).toBeLessThan(HANG_MS / 2);
    const released = await first.queue.jobs.findOne({ name: "backfill-repository" });
    expect(released).toMatchObject({ lockedAt: null });
    expect(released?.failCount ?? 0).toBe(0);
    expect(released?.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());
    const handedOver = (await repository())?.backfill;
    expect(handedOver).toMatchObject({ pagesDone: 1, completedAt: null });

    const second = await startNamedWorker("second");
    try {
      await waitFor(async () => (await repository())?.backfill?.completedAt != null);
    } finally {
      await second.worker.stop();
    }
    expect(await storedNumbers()).toEqual(pullsUpdatedSince(sim().org, "web", since));
    const done = (await repository())?.backfill;
    // Only the interrupted page was asked twice; the second worker went on from the checkpoint.
    expect(ops.counts.get("PullRequestsPage")).toBe((done?.pagesDone ?? 0) + 1);
    expect(await first.queue.jobs.countDocuments({ name: "backfill-repository" })).toBe(0);
  });
});
