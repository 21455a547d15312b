import { getInboxStatus } from "../../src/query/inbox-status.js";
import { useMonitoredDatabase } from "../harness/query-plans.js";
import { seedInbox } from "../api/seed-inbox.js";

/**
 * The inbox line of `sync status` and `GET /api/v1/sync`, for every installation and for one. The
 * operator's view of every installation (`sync status`' default) is read on an index: the inbox keeps a
 * week of applied deliveries, which a scan would pass over on every call.
 */
const db = useMonitoredDatabase();
const now = new Date("2024-06-01T12:00:00Z");
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  await seedInbox(db.store(), [
    { id: "a-1", installationId: 1, state: "pending", receivedAt: at("2024-06-01T11:00:00Z") },
    { id: "a-2", installationId: 1, state: "pending", receivedAt: at("2024-06-01T11:59:30Z") },
    { id: "a-3", installationId: 1, state: "failed", receivedAt: at("2024-05-20T00:00:00Z") },
    { id: "a-4", installationId: 1, state: "applied", receivedAt: at("2024-06-01T08:00:00Z") },
    { id: "b-1", installationId: 2, state: "pending", receivedAt: at("2024-06-01T10:00:00Z") },
    { id: "b-2", installationId: 2, state: "failed", receivedAt: at("2024-05-21T00:00:00Z") },
    { id: "b-3", installationId: 2, state: "failed", receivedAt: at("2024-05-22T00:00:00Z") },
    { id: "c-1", installationId: 3, state: "applied", receivedAt: at("2024-06-01T09:00:00Z") },
  ]);
});

it("counts every installation's backlog, or one installation's alone", async () => {
  expect(await getInboxStatus(db.store(), now)).toEqual({
    pending: 3,
    oldestPendingAt: "2024-06-01T10:00:00.000Z",
    oldestPendingAgeSeconds: 7200,
    setAside: 3,
  });
  expect(await getInboxStatus(db.store(), now, 1)).toEqual({
    pending: 2,
    oldestPendingAt: "2024-06-01T11:00:00.000Z",
    oldestPendingAgeSeconds: 3600,
    setAside: 1,
  });
  expect(await getInboxStatus(db.store(), now, 3)).toEqual({
    pending: 0,
    oldestPendingAt: null,
    oldestPendingAgeSeconds: null,
    setAside: 0,
  });
});

it("reads every installation's backlog through an index, but for the arrivals not yet admitted", async () => {
  db.sent.length = 0;
  await getInboxStatus(db.store(), now);
  const reads = db.sent.filter((one) => one.collection.startsWith("inbox"));
  expect(reads.length).toBeGreaterThan(0);
  // `inbox_arrivals` has no index but `_id`, so that acknowledgements stay short: it holds only what
  // no worker has admitted yet, and is read whole.
  expect(await db.collectionScans(reads)).toEqual(["inbox_arrivals {}"]);
});
