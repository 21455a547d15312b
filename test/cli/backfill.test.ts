import { parseEnv } from "../../src/config/env.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { cliRunner } from "./harness.js";
import { fakeWorker, liveRun } from "./follow-harness.js";

/** `mergelens backfill`: queues the job (the worker runs it) and follows the repository's checkpoints. */
const db = useTestDatabase();
const cli = cliRunner(db.store);
const ref = { installationId: 1, repoId: 11 };
const jobs = () => db.store().db.collection("jobs");

beforeAll(async () => {
  await seedInstallation(db.store(), 1, "acme");
  await seedRepository(db.store(), 1, 11, "acme/widgets", { syncStatus: "complete" });
});

beforeEach(async () => {
  await jobs().deleteMany({});
  await db.store().repositories.updateOne(ref, { $set: { syncStatus: "complete", backfill: null } });
});

const backfillState = (progress: number, pagesDone: number, prsStored: number, done = false) => ({
  days: 30,
  since: new Date("2024-05-01T00:00Z"),
  startedAt: new Date("2024-05-31T00:00Z"),
  completedAt: done ? new Date("2024-05-31T00:05Z") : null,
  cursor: null,
  pageSize: 50,
  pagesDone,
  prsStored,
  progress,
});
const setRepo = (fields: Record<string, unknown>) => db.store().repositories.updateOne(ref, { $set: fields });

describe("mergelens backfill", () => {
  it("queues one backfill-repository job with the payload, and says so when it is already queued", async () => {
    const first = await cli("backfill", "--repo", "ACME/widgets", "--days", "30", "--no-wait");
    expect(first).toMatchObject({ code: 0, stdout: "backfill of acme/widgets (last 30 days) queued\n" });
    const second = await cli("backfill", "--repo", "acme/widgets", "--days", "30", "--no-wait");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("already queued or running");
    const queued = await jobs().find({}).toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ name: "backfill-repository", data: { ...ref, days: 30 } });
    await jobs().deleteMany({});
    const oneDay = await cli("backfill", "--repo", "acme/widgets", "--days", "1", "--no-wait");
    expect(oneDay.stdout).toBe("backfill of acme/widgets (last 1 day) queued\n");
  });

  it("defaults --days to BACKFILL_DAYS, else 90; --days wins over both", async () => {
    const withEnv = cliRunner(db.store, undefined, { env: async () => parseEnv({ BACKFILL_DAYS: "45" }) });
    const days = async (run: typeof cli, ...extra: string[]) => {
      await jobs().deleteMany({});
      const result = await run("backfill", "--repo", "acme/widgets", "--no-wait", ...extra);
      expect(result.code).toBe(0);
      return (await jobs().findOne({ name: "backfill-repository" }))?.data.days;
    };
    expect(await days(withEnv)).toBe(45);
    expect(await days(cli)).toBe(90);
    expect(await days(withEnv, "--days", "7")).toBe(7);
  });

  it("exits 1 naming BACKFILL_DAYS when it is invalid and --days is not given", async () => {
    const badEnv = cliRunner(db.store, undefined, { env: async () => parseEnv({ BACKFILL_DAYS: "0" }) });
    const result = await badEnv("backfill", "--repo", "acme/widgets", "--no-wait");
    expect(result).toMatchObject({
      code: 1,
      stderr: "mergelens: invalid environment: BACKFILL_DAYS: must be at least 1\n",
    });
    expect(await jobs().countDocuments({})).toBe(0);
    // An explicit --days does not need it.
    expect((await badEnv("backfill", "--repo", "acme/widgets", "--days", "5", "--no-wait")).code).toBe(0);
  });

  it("prints a progress line per change on a non-terminal until the worker is done", async () => {
    const run = liveRun(db.store(), ["backfill", "--repo", "acme/widgets", "--days", "30"]);
    await fakeWorker(db.store(), "backfill-repository", run.out, [
      {
        update: () => setRepo({ syncStatus: "syncing", backfill: backfillState(0, 0, 0) }),
        shows: "0 pages",
      },
      { update: () => setRepo({ backfill: backfillState(40, 1, 1) }), shows: "40%" },
      {
        update: () => setRepo({ syncStatus: "complete", backfill: backfillState(100, 4, 180, true) }),
        shows: "100%",
      },
    ]);
    expect(await run.done).toBe(0);
    const lines = run.out.stdout.trim().split("\n");
    expect(lines).toContain("0% acme/widgets: syncing, 0 PRs stored, 0 pages");
    expect(lines).toContain("40% acme/widgets: syncing, 1 PR stored, 1 page");
    expect(lines.at(-1)).toBe("backfill of acme/widgets complete: 180 PRs stored in 4 pages");
    expect(run.out.stderr).toBe("");
  });

  it("exits 1 with the recorded error when the job ends in error", async () => {
    const run = liveRun(db.store(), ["backfill", "--repo", "acme/widgets", "--days", "30"]);
    await fakeWorker(db.store(), "backfill-repository", run.out, [
      {
        update: () =>
          setRepo({
            syncStatus: "error",
            lastSyncError: "Bad credentials",
            backfill: backfillState(20, 1, 50),
          }),
        shows: "20%",
      },
    ]);
    expect(await run.done).toBe(1);
    expect(run.out.stderr).toMatch(/backfill of acme\/widgets failed: Bad credentials; see the worker's log/);
  });

  it("warns when no worker picks the job up, and exits 1 at the timeout", async () => {
    const run = liveRun(db.store(), ["backfill", "--repo", "acme/widgets", "--timeout", "0.01"], {
      pollMs: 10,
      pickupWarnMs: 50,
    });
    expect(await run.done).toBe(1);
    expect(run.out.stderr).toContain("is `npm start` or `npm run worker` running");
    expect(run.out.stderr).toMatch(/gave up waiting for the backfill of acme\/widgets after 0.01 min/);
    expect(await jobs().countDocuments({ name: "backfill-repository" })).toBe(1);
  });

  it("exits 2 on a bad --days or --timeout, before queueing anything", async () => {
    for (const days of ["0", "3651", "1.5", "many"]) {
      const result = await cli("backfill", "--repo", "acme/widgets", "--days", days);
      expect(result).toMatchObject({
        code: 2,
        stderr: "mergelens: --days: must be a whole number of days from 1 to 3650\n(add --help for usage)\n",
      });
    }
    const timeout = await cli("backfill", "--repo", "acme/widgets", "--timeout", "-1");
    expect(timeout).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^mergelens: --timeout: must be/),
    });
    expect((await cli("backfill", "--days", "5")).code).toBe(2);
    expect(await jobs().countDocuments({})).toBe(0);
  });

  it("exits 1 for an unknown repository", async () => {
    const result = await cli("backfill", "--repo", "acme/nope");
    expect(result).toMatchObject({ code: 1, stderr: "mergelens: repository acme/nope not found\n" });
  });

  it("documents its options in --help", async () => {
    const result = await cli("backfill", "--help");
    expect(result.code).toBe(0);
    for (const option of ["--repo <owner/name>", "--days <n>", "--no-wait", "--timeout <minutes>"])
      expect(result.stdout).toContain(option);
    expect(result.stdout).toContain("(default: BACKFILL_DAYS or 90)");
  });
});
