import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { cliRunner } from "./harness.js";
import { fakeWorker, liveRun } from "./follow-harness.js";

/** `mergelens sync now`: queues sync-installation jobs and follows them until the worker is done. */
const db = useTestDatabase();
const cli = cliRunner(db.store);
const jobs = () => db.store().db.collection("jobs");
const widgets = { installationId: 1, repoId: 11 };

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "globex");
  await seedInstallation(store, 3, "initech");
  await store.installations.updateOne({ installationId: 3 }, { $set: { suspendedAt: new Date() } });
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
  await seedRepository(store, 2, 21, "globex/secret");
});

beforeEach(async () => {
  await jobs().deleteMany({});
  await db.store().repositories.updateMany({}, { $set: { syncStatus: "complete", lastSyncError: null } });
});

const setRepo = (repoId: number, fields: Record<string, unknown>) =>
  db.store().repositories.updateOne({ installationId: 1, repoId }, { $set: fields });

const queuedInstallations = async () =>
  (await jobs().find({ name: "sync-installation" }).toArray()).map((job) => job.data).sort();

describe("mergelens sync now", () => {
  it("queues a sync of every active installation, once", async () => {
    const result = await cli("sync", "now", "--no-wait");
    expect(result).toMatchObject({
      code: 0,
      stdout: "sync of installation 1 queued\nsync of installation 2 queued\n",
    });
    expect(await queuedInstallations()).toEqual([{ installationId: 1 }, { installationId: 2 }]);
    const again = await cli("sync", "now", "--installation", "acme", "--no-wait");
    expect(again.stdout).toBe("sync of installation 1 already queued or running\n");
    expect(await jobs().countDocuments({})).toBe(2);
  });

  it("with --repo queues its installation's sync and follows that repository", async () => {
    const run = liveRun(db.store(), ["sync", "now", "--repo", "acme/widgets"]);
    const setWidgets = (fields: Record<string, unknown>) =>
      db.store().repositories.updateOne(widgets, { $set: fields });
    await fakeWorker(db.store(), "sync-installation", run.out, [
      { update: () => setWidgets({ syncStatus: "syncing" }), shows: "acme/widgets: syncing" },
      { update: () => setWidgets({ syncStatus: "complete" }), shows: "acme/widgets: complete" },
    ]);
    expect(await run.done).toBe(0);
    expect(await queuedInstallations()).toEqual([]);
    const lines = run.out.stdout.trim().split("\n");
    expect(lines[0]).toBe("sync of installation 1 (all its repositories, acme/widgets among them) queued");
    expect(lines).toContain("0% acme/widgets: syncing");
    expect(lines).toContain("100% acme/widgets: done");
    // The job synced both of acme's repositories, and the summary says so.
    expect(lines.at(-1)).toBe("sync complete: 2 repositories, acme/widgets among them");
  });

  it("reports retried attempts and exits 1 naming the repositories that failed", async () => {
    const run = liveRun(db.store(), ["sync", "now", "--installation", "1"]);
    await fakeWorker(db.store(), "sync-installation", run.out, [
      {
        update: () =>
          jobs().updateOne({ name: "sync-installation" }, { $set: { failCount: 1, failReason: "HTTP 502" } }),
        shows: "attempt 1 failed: HTTP 502",
      },
      {
        update: () => setRepo(12, { syncStatus: "syncing" }),
        shows: "0/1 installations done, 1 repo syncing",
      },
      // Printed before already: the CLI reads this outcome once the job is gone.
      { update: () => setRepo(12, { syncStatus: "error", lastSyncError: "rate limited" }), shows: "0 repos" },
    ]);
    expect(await run.done).toBe(1);
    expect(run.out.stderr).toContain("attempt 1 failed: HTTP 502");
    expect(run.out.stderr).toMatch(/sync failed for 1 of 2 repositories[^]*acme\/gadgets: rate limited/);
  });

  it("exits 1 for an unknown repository or installation, 2 for bad usage", async () => {
    expect(await cli("sync", "now", "--repo", "acme/nope")).toMatchObject({ code: 1 });
    expect((await cli("sync", "now", "--installation", "umbrella")).stderr).toContain("no installation");
    const both = await cli("sync", "now", "--repo", "acme/widgets", "--installation", "1");
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("not both") });
    expect((await cli("sync", "now", "--timeout", "soon")).code).toBe(2);
    expect(await jobs().countDocuments({})).toBe(0);
  });

  it("documents its options in --help", async () => {
    const result = await cli("sync", "now", "--help");
    expect(result.code).toBe(0);
    for (const option of [
      "--repo <owner/name>",
      "--installation <id|login>",
      "--no-wait",
      "--timeout <minutes>",
    ])
      expect(result.stdout).toContain(option);
  });
});
