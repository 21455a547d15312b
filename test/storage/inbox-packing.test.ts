import { Binary } from "mongodb";
import { randomBytes } from "node:crypto";
import type { InboxBatch } from "../../src/storage/models/inbox-batch.js";
import { packAppliedBatches, PACK_SPAN_MS } from "../../src/storage/inbox/pack-applied.js";
import {
  claimDeliveries,
  createInboxWriter,
  findDeliveries,
  inboxCollection,
  inboxStorage,
  ownDeliveries,
  replayDeliveries,
  settleClaim,
} from "../../src/storage/inbox/index.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { commentDelivery } from "./helpers/inbox-fixtures.js";

/** Applied batches kept for replay packed together, and what still knows each delivery afterwards. */
const db = useTestDatabase();
beforeEach(async () => clearStore(db.store()));

const MINUTE = Date.UTC(2026, 11, 5, 10, 0);
const at = (ms: number) => new Date(MINUTE + ms);

function batch(id: string, installationId: number, arrivals: Array<[string, number, number?]>): InboxBatch {
  return {
    _id: id,
    installationId,
    receivedAt: at(arrivals[0][1]),
    size: arrivals.length,
    state: "pending",
    availableAt: at(0),
    claim: "c",
    appliedAt: null,
    deliveries: arrivals.map(([deliveryId, ms, bytes]) => ({
      id: deliveryId,
      event: "issue_comment",
      action: "created",
      payload: new Binary(bytes ? randomBytes(bytes) : Buffer.from(deliveryId)),
      receivedAt: at(ms),
    })),
  };
}

const layout = (packed: InboxBatch[]) =>
  packed.map((doc) => ({
    installationId: doc.installationId,
    receivedAt: doc.receivedAt.toISOString(),
    size: doc.size,
    ids: doc.deliveries.map((entry) => `${entry.id}<${entry.storedIn}`),
  }));

describe("packing applied batches", () => {
  it("packs by installation and minute of arrival, each delivery keeping the batch it was stored in", () => {
    const appliedAt = at(5 * PACK_SPAN_MS);
    const packed = packAppliedBatches(
      [
        batch("b1", 1, [
          ["a", 2_000],
          ["b", 1_000],
        ]),
        batch("b2", 2, [["c", 1_500]]),
        batch("b3", 1, [
          ["d", 500],
          ["e", PACK_SPAN_MS + 10],
        ]),
      ],
      appliedAt,
    );
    expect(layout(packed)).toEqual([
      { installationId: 1, receivedAt: at(500).toISOString(), size: 3, ids: ["d<b3", "b<b1", "a<b1"] },
      { installationId: 2, receivedAt: at(1_500).toISOString(), size: 1, ids: ["c<b2"] },
      { installationId: 1, receivedAt: at(PACK_SPAN_MS + 10).toISOString(), size: 1, ids: ["e<b3"] },
    ]);
    for (const doc of packed)
      expect(doc).toMatchObject({ state: "applied", appliedAt, availableAt: appliedAt, claim: null });

    // Packed again (after a replay), a delivery keeps its first batch, not the packed document.
    const again = packAppliedBatches([{ ...packed[1], state: "pending" }], appliedAt);
    expect(layout(again)[0].ids).toEqual(["c<b2"]);
  });

  it("starts another document before one would pass 8 MB", () => {
    const big = 3 * 1024 * 1024;
    const packed = packAppliedBatches(
      [
        batch("b1", 1, [
          ["a", 1, big],
          ["b", 2, big],
          ["c", 3, big],
          ["d", 4, 10],
        ]),
      ],
      at(0),
    );
    expect(packed.map((doc) => doc.deliveries.map((entry) => entry.id))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("settling into packed documents", () => {
  const policy = { maxAttempts: 3, backoffMs: () => 60_000 };
  const delivery = (id: string, receivedAt: Date) => commentDelivery(id, { receivedAt });
  const collection = () => inboxCollection(db.store());
  const states = async () =>
    Object.fromEntries((await findDeliveries(inboxStorage(db.store()))).map((d) => [d.id, d.state]));

  async function applyAll(now?: Date) {
    const claimed = await claimDeliveries(inboxStorage(db.store()), { limit: 100, leaseMs: 60_000, now });
    const owned = await ownDeliveries(inboxStorage(db.store()).ids, claimed.deliveries);
    const outcomes = new Map(claimed.deliveries.map((d) => [d.id, { kind: "applied" as const }]));
    await settleClaim(collection(), claimed, outcomes, policy);
    return { own: owned.own.map((d) => d.id), copies: owned.copies.map((d) => d.id) };
  }

  it("replaces a claim's batches by one document, after which redeliveries and replays behave as before", async () => {
    const write = createInboxWriter(inboxStorage(db.store()), { timeoutMs: 5_000 });
    const start = new Date(Math.floor(Date.now() / PACK_SPAN_MS) * PACK_SPAN_MS - 10 * PACK_SPAN_MS);
    for (const [index, id] of ["a", "b", "c"].entries())
      await write.write(delivery(id, new Date(start.getTime() + index * 20_000)));
    expect(await inboxStorage(db.store()).arrivals.countDocuments()).toBe(3);
    expect(await applyAll()).toEqual({ own: ["a", "b", "c"], copies: [] });
    expect(await collection().find().toArray()).toMatchObject([{ state: "applied", size: 3 }]);
    expect(await states()).toEqual({ a: "applied", b: "applied", c: "applied" });

    // Redelivered: a copy of what was applied.
    await write.write(delivery("b", new Date()));
    expect(await applyAll()).toEqual({ own: [], copies: ["b"] });

    // Replayed from inside the packed minute: only what arrived since, applied again as its own.
    expect(await replayDeliveries(collection(), { since: new Date(start.getTime() + 10_000) })).toBe(3);
    expect(await applyAll()).toEqual({ own: ["b", "c"], copies: ["b"] });
    expect(await states()).toEqual({ a: "applied", b: "applied", c: "applied" });
  });
});
