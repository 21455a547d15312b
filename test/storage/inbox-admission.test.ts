import { randomUUID } from "node:crypto";
import { admittedBatches } from "../../src/storage/inbox/admit-arrivals.js";
import {
  claimDeliveries,
  createInboxWriter,
  inboxStorage,
  ownDeliveries,
  type IncomingDelivery,
} from "../../src/storage/inbox/index.js";
import { packPayload } from "../../src/storage/inbox/payload.js";
import type { InboxBatch } from "../../src/storage/models/inbox-batch.js";
import { deleteInstallation } from "../../src/storage/write/installations.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { commentDelivery } from "./helpers/inbox-fixtures.js";

/** Arrivals (what the webhook route stored) admitted to `inbox_batches` by the claims that take them. */
const db = useTestDatabase();
beforeEach(async () => clearStore(db.store()));

const inbox = () => inboxStorage(db.store());
const lease = { limit: 1_000, leaseMs: 60_000 };

/** Each delivery in an arrival of its own (the writer groups only what arrives at once). */
async function arrive(deliveries: IncomingDelivery[]): Promise<void> {
  const write = createInboxWriter(inbox(), { timeoutMs: 5_000 });
  for (const delivery of deliveries) await write.write(delivery);
}

/** A pending batch as the release before arrivals stored it: straight into `inbox_batches`. */
const storedBefore = (id: string, receivedAt: Date): InboxBatch => ({
  _id: randomUUID(),
  installationId: 1,
  receivedAt,
  size: 1,
  state: "pending",
  availableAt: receivedAt,
  claim: null,
  appliedAt: null,
  deliveries: [{ id, event: "issue_comment", action: "created", payload: packPayload("{}"), receivedAt }],
});

describe("admitting arrivals", () => {
  it("merges an installation's arrivals into one batch, another installation's apart, all claimed", async () => {
    const at = (ms: number) => new Date(Date.now() - 1_000 + ms);
    await arrive([
      commentDelivery("a", { receivedAt: at(0) }),
      commentDelivery("b", { installationId: 2, receivedAt: at(1) }),
      commentDelivery("c", { receivedAt: at(2) }),
    ]);
    const claimed = await claimDeliveries(inbox(), lease);

    expect(await inbox().arrivals.countDocuments()).toBe(0);
    const stored = await inbox().batches.find().sort({ installationId: 1 }).toArray();
    expect(stored.map((batch) => [batch.installationId, batch.deliveries.map((d) => d.id)])).toEqual([
      [1, ["a", "c"]],
      [2, ["b"]],
    ]);
    expect(stored.every((batch) => batch.claim === claimed.ref.claim)).toBe(true);
    expect(claimed.deliveries.map((d) => d.id)).toEqual(["a", "b", "c"]);
    // Nothing is left to take until the claim's lease runs out.
    expect((await claimDeliveries(inbox(), lease)).deliveries).toEqual([]);
  });

  it("takes batches stored before arrivals first, in parts, then fills the claim with arrivals", async () => {
    const start = Date.now() - 60_000;
    // More than one conditional update takes (64 batches), as an upgrade may find them.
    const before = Array.from({ length: 150 }, (_, i) => storedBefore(`old-${i}`, new Date(start + i)));
    await inbox().batches.insertMany(before);
    await arrive([commentDelivery("new-1"), commentDelivery("new-2")]);

    const claimed = await claimDeliveries(inbox(), lease);
    expect(claimed.ref.last.getTime()).toBeGreaterThan(claimed.ref.first.getTime());
    expect(claimed.deliveries).toHaveLength(152);
    expect(claimed.deliveries.slice(0, 150).map((d) => d.id)).toEqual(before.map((b) => b.deliveries[0].id));
    expect(await inbox().batches.countDocuments({ claim: claimed.ref.claim })).toBe(151);

    // A claim already full of them leaves the arrivals for the next.
    await clearStore(db.store());
    await inbox().batches.insertMany(before.slice(0, 3));
    await arrive([commentDelivery("waiting")]);
    expect((await claimDeliveries(inbox(), { ...lease, limit: 3 })).deliveries).toHaveLength(3);
    expect(await inbox().arrivals.countDocuments()).toBe(1);
  });

  it("admits arrivals once when a worker died between storing their batch and deleting them", async () => {
    await arrive([commentDelivery("a"), commentDelivery("b")]);
    const arrivals = await inbox().arrivals.find().sort({ receivedAt: 1, _id: 1 }).toArray();
    // The dead worker's batch, its lease run out; the arrivals it came from still there.
    const dead = admittedBatches(arrivals, { claim: "dead", availableAt: new Date(Date.now() - 1_000) });
    await inbox().batches.insertMany(dead);

    const claimed = await claimDeliveries(inbox(), lease);
    expect(await inbox().arrivals.countDocuments()).toBe(0);
    expect(await inbox().batches.countDocuments()).toBe(1);
    expect(claimed.deliveries.map((d) => d.id).sort()).toEqual(["a", "b"]);
    // The same copies the dead worker held: applied by this claim, as its own.
    const { own } = await ownDeliveries(inbox().ids, claimed.deliveries);
    expect(own.map((d) => d.batchId).sort()).toEqual(
      dead[0].deliveries.map((entry) => entry.storedIn).sort(),
    );
  });

  it("gives each delivery to one of two workers admitting at once", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `d-${i}`);
    const write = createInboxWriter(inbox(), { timeoutMs: 5_000 });
    for (let start = 0; start < ids.length; start += 8)
      await Promise.all(ids.slice(start, start + 8).map((id) => write.write(commentDelivery(id))));

    const claims = await Promise.all([claimDeliveries(inbox(), lease), claimDeliveries(inbox(), lease)]);
    const owned = [];
    for (const claim of claims) owned.push(...(await ownDeliveries(inbox().ids, claim.deliveries)).own);
    expect(owned.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(await inbox().arrivals.countDocuments()).toBe(0);
  });

  it("forgets an uninstalled installation's deliveries, admitted or not, and only its own", async () => {
    await arrive([commentDelivery("a"), commentDelivery("b", { installationId: 2 })]);
    await claimDeliveries(inbox(), lease);
    await arrive([commentDelivery("c"), commentDelivery("d", { installationId: 2 })]);

    await deleteInstallation(db.store(), 1);
    const left = async (collection: "arrivals" | "batches") =>
      (await inbox()[collection].find().toArray()).flatMap((batch) => batch.deliveries.map((d) => d.id));
    expect(await left("arrivals")).toEqual(["d"]);
    expect(await left("batches")).toEqual(["b"]);
  });
});
