import { MongoNetworkError, MongoServerSelectionError } from "mongodb";
import { pino } from "pino";
import { isDatabaseUnavailable } from "../../src/storage/unavailable.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { startOrphanSweeper } from "../../src/sync/release-orphaned-locks.js";
import { useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
const NAME = "worker test 1";
let queue: Queue;

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  // Started with no job defined: this process holds nothing, so every stale lock of its name is an orphan.
  queue = await createQueue(mongo, { name: NAME, processEvery: "1 hour" });
  await queue.agenda.start();
});
afterAll(() => queue.agenda.stop());
beforeEach(() => queue.jobs.deleteMany({}));

const ago = (ms: number) => new Date(Date.now() - ms);

/** A job as Agenda leaves it when the save of its end failed: locked under a worker's name, no next run. */
async function lockedJob(number: number, lockedAt: Date, lastModifiedBy = NAME) {
  await enqueue(queue, "complete-pull-request", { installationId: 1, repoId: 2, number });
  await queue.jobs.updateOne(
    { "data.number": number },
    { $set: { lockedAt, lastModifiedBy, nextRunAt: null } },
  );
}

describe("releasing orphaned locks", () => {
  it("hands back this worker's stale locks at once, and leaves fresh ones and other workers' alone", async () => {
    await lockedJob(1, ago(60_000));
    await lockedJob(2, ago(1_000));
    await lockedJob(3, ago(60_000), "worker elsewhere 9");
    const sweeper = startOrphanSweeper(queue, pino({ level: "silent" }), { intervalMs: 60_000 });
    try {
      expect(await sweeper.sweep()).toBe(1);
    } finally {
      sweeper.stop();
    }
    const jobs = await queue.jobs.find({}, { sort: { "data.number": 1 } }).toArray();
    expect(
      jobs.map((job) => [job.data.number, job.lockedAt === null, job.nextRunAt instanceof Date]),
    ).toEqual([
      [1, true, true],
      [2, false, false],
      [3, false, false],
    ]);
  });

  it("answers 0 without throwing when the database does not", async () => {
    const failing = {
      ...queue,
      jobs: { find: () => ({ toArray: () => Promise.reject(new MongoNetworkError("down")) }) },
    } as unknown as Queue;
    const sweeper = startOrphanSweeper(failing, pino({ level: "silent" }), { intervalMs: 60_000 });
    try {
      expect(await sweeper.sweep()).toBe(0);
    } finally {
      sweeper.stop();
    }
  });
});

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a network error", new MongoNetworkError("connect ECONNREFUSED")],
    [
      "a server selection timeout",
      new MongoServerSelectionError("timed out", { type: "Unknown", servers: new Map() } as never),
    ],
    [
      "mongoose's parked command",
      Object.assign(new Error("Operation `x.find()` buffering timed out after 10000ms"), {
        name: "MongooseError",
      }),
    ],
    ["a wrapped one", new Error("storing a page failed", { cause: new MongoNetworkError("reset") })],
    ["one of many", new AggregateError([new Error("x"), new MongoNetworkError("reset")])],
  ])("recognises %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a duplicate key", Object.assign(new Error("E11000 duplicate key"), { code: 11000 })],
    ["a validation error", Object.assign(new Error("bad"), { name: "ValidationError" })],
    ["no error at all", "down"],
  ])("does not take %s for an outage", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
