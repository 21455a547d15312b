import { ZodError } from "zod";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
let queue: Queue;

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo, { processEvery: 50 });
});
afterAll(async () => {
  await queue.agenda.stop();
});
beforeEach(async () => {
  await queue.jobs.deleteMany({});
});

const pr = { installationId: 1, repoId: 10, number: 7 };

describe("enqueue", () => {
  it("refuses a payload that does not match the job's schema and stores nothing", async () => {
    await expect(
      enqueue(queue, "complete-pull-request", { installationId: 1, repoId: 10 } as never),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      enqueue(queue, "backfill-repository", { installationId: 1, repoId: 10, days: 0 }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await queue.jobs.countDocuments()).toBe(0);
  });

  it("queues a PR once however often its merge is delivered", async () => {
    expect(await enqueue(queue, "complete-pull-request", pr)).toBe("queued");
    expect(await enqueue(queue, "complete-pull-request", pr)).toBe("already-queued");
    expect(await queue.jobs.countDocuments({ name: "complete-pull-request" })).toBe(1);
  });

  it("keeps one job when many enqueuers race for the same PR", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => enqueue(queue, "complete-pull-request", pr)),
    );
    expect(results.filter((result) => result === "queued")).toHaveLength(1);
    expect(await queue.jobs.countDocuments({ name: "complete-pull-request" })).toBe(1);
  });

  it("queues different PRs, repositories and job kinds separately", async () => {
    await enqueue(queue, "complete-pull-request", pr);
    await enqueue(queue, "complete-pull-request", { ...pr, number: 8 });
    await enqueue(queue, "complete-pull-request", { ...pr, repoId: 11 });
    await enqueue(queue, "backfill-repository", { installationId: 1, repoId: 10, days: 90 });
    await enqueue(queue, "sync-installation", { installationId: 1 });
    await enqueue(queue, "sync-installation", { installationId: 2 });
    expect(await queue.jobs.countDocuments()).toBe(6);
  });

  it("lets the same PR be queued again once its job has finished", async () => {
    const ran: number[] = [];
    // A short lock lifetime: Agenda keeps a timer of half of it after each run, holding the test process.
    queue.agenda.define(
      "complete-pull-request",
      async (job) => {
        ran.push((job.attrs.data as { number: number }).number);
      },
      { lockLifetime: 1000 },
    );
    await queue.agenda.start();
    try {
      await enqueue(queue, "complete-pull-request", pr);
      await waitFor(async () => ran.length === 1 && (await queue.jobs.countDocuments()) === 0);
      expect(await enqueue(queue, "complete-pull-request", pr)).toBe("queued");
      await waitFor(async () => ran.length === 2);
    } finally {
      await queue.agenda.stop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
