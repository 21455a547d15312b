import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { seedInbox } from "../api/seed-inbox.js";
import { databaseUri } from "../sync/helpers/worker-process.js";

/**
 * `mergelens sync status` shows the webhook inbox's backlog beside the repositories: the built bin (as
 * npm runs it, on dist/) against the test database, its figures the same as `mergelens inbox`'s.
 */
const db = useTestDatabase();
const run = promisify(execFile);
const bin = path.resolve("bin/mergelens.js");
const HOUR = 3_600_000;

async function mergelens(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args], {
    env: { ...process.env, MONGODB_URI: databaseUri(db.dbName) },
  });
  return stdout;
}

const startedAt = Date.now();
const oldest = new Date(startedAt - 2 * HOUR);

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "globex");
  await seedRepository(store, 1, 11, "acme/widgets", { syncStatus: "complete" });
  await seedRepository(store, 2, 21, "globex/secret", { syncStatus: "syncing" });
  const ago = (hours: number) => new Date(startedAt - hours * HOUR);
  await seedInbox(store, [
    { id: "d-1", installationId: 2, state: "pending", receivedAt: oldest },
    { id: "d-2", installationId: 1, state: "pending", receivedAt: ago(1) },
    { id: "d-3", installationId: 1, state: "pending", receivedAt: ago(0.5) },
    { id: "d-4", installationId: 1, state: "failed", receivedAt: ago(30) },
    { id: "d-5", installationId: 1, state: "applied", receivedAt: ago(3) },
  ]);
});

it("adds the inbox's pending count, oldest pending age and set-aside count, as `mergelens inbox` counts them", async () => {
  const status = JSON.parse(await mergelens("sync", "status", "--format", "json"));
  const inbox = JSON.parse(await mergelens("inbox", "--format", "json"));
  expect(status.repos.map((repo: { repo: string }) => repo.repo)).toEqual(["acme/widgets", "globex/secret"]);
  expect(status.inbox).toEqual({
    pending: inbox.counts.pending,
    oldestPendingAt: inbox.oldestPendingAt,
    oldestPendingAgeSeconds: expect.any(Number),
    setAside: inbox.counts.failed,
  });
  expect(status.inbox).toMatchObject({ pending: 3, oldestPendingAt: oldest.toISOString(), setAside: 1 });
  // Two hours, plus however long the test has run so far.
  const age = status.inbox.oldestPendingAgeSeconds - 2 * 3600;
  expect(age).toBeGreaterThanOrEqual(0);
  expect(age).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 1000));
});

it("narrows the inbox to one installation with the repositories, and prints it under the table", async () => {
  const acme = JSON.parse(await mergelens("sync", "status", "--installation", "acme", "--format", "json"));
  const acmeInbox = JSON.parse(await mergelens("inbox", "--installation", "acme", "--format", "json"));
  expect(acme.inbox).toMatchObject({
    pending: acmeInbox.counts.pending,
    oldestPendingAt: acmeInbox.oldestPendingAt,
    setAside: acmeInbox.counts.failed,
  });
  expect(acme.inbox).toMatchObject({ pending: 2, setAside: 1 });

  const table = await mergelens("sync", "status");
  expect(table).toMatch(/acme\/widgets/);
  const received = `${oldest.toISOString().slice(0, 10)} ${oldest.toISOString().slice(11, 16)}`;
  expect(table).toMatch(
    new RegExp(
      `\\nWebhook inbox: 3 pending \\(oldest received ${received} UTC, 2 h 0 min ago\\), ` +
        "1 set aside \\(mergelens inbox lists them\\)\\n$",
    ),
  );
  expect(await mergelens("sync", "status", "--format", "csv")).not.toMatch(/inbox|pending/i);
});
