import {
  adoptLegacyInbox,
  claimDeliveries,
  createInboxWriter,
  findDeliveries,
  inboxCollection,
  inboxStorage,
  ownDeliveries,
  payloadText,
  releaseClaim,
  settleClaim,
} from "../../src/storage/inbox/index.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { commentDelivery } from "./helpers/inbox-fixtures.js";

/** The inbox's storage: deliveries acknowledged together are one batch; claims and settling on batches. */
const db = useTestDatabase();
beforeEach(async () => clearStore(db.store()));

const policy = { maxAttempts: 3, backoffMs: () => 60_000 };
const delivery = (id: string, installationId = 1) =>
  commentDelivery(id, { installationId, text: "x".repeat(2_000) });
const writer = () => createInboxWriter(inboxStorage(db.store()), { timeoutMs: 5_000 });
const arrivals = () => inboxStorage(db.store()).arrivals.find().toArray();
const states = async () =>
  Object.fromEntries((await findDeliveries(inboxStorage(db.store()))).map((d) => [d.id, d.state]));

describe("the inbox's batches", () => {
  it("hands a claim's payloads over compressed, each expanded to the body sent when it is read", async () => {
    const write = writer();
    const sent = [delivery("a"), { ...delivery("b"), receivedAt: new Date(Date.now() + 1) }];
    await Promise.all(sent.map((d) => write.write(d)));
    const claimed = await claimDeliveries(inboxStorage(db.store()), { limit: 10, leaseMs: 60_000 });

    expect(claimed.deliveries.map((d) => d.id)).toEqual(["a", "b"]);
    for (const [index, claimedDelivery] of claimed.deliveries.entries()) {
      // Held packed: a tenth or less of the 2 KB body, until it is parsed.
      expect(claimedDelivery.packedPayload.length()).toBeLessThan(sent[index].payload.length / 10);
      expect(payloadText(claimedDelivery)).toBe(sent[index].payload);
    }
  });

  it("stores concurrent deliveries in shared batches, one installation each, payloads as sent", async () => {
    const write = writer();
    const sent = Array.from({ length: 20 }, (_, i) => delivery(`d-${i}`, i % 4 === 0 ? 2 : 1));
    await Promise.all(sent.map((d) => write.write(d)));
    const stored = await arrivals();
    // Those that arrived while an insert was in flight went together in the next.
    expect(stored.length).toBeLessThan(sent.length);
    expect(stored.flatMap((batch) => batch.deliveries.map((entry) => entry.id)).sort()).toEqual(
      sent.map((d) => d.id).sort(),
    );
    for (const batch of stored)
      for (const entry of batch.deliveries)
        expect(sent.find((d) => d.id === entry.id)?.installationId).toBe(batch.installationId);
    const [read] = await findDeliveries(inboxStorage(db.store()), { ids: ["d-1"] });
    expect(read).toMatchObject({ id: "d-1", state: "pending", payload: sent[1].payload });
  });

  it("applies a redelivery once: its first stored copy, again only when that copy's claim was lost", async () => {
    const collection = inboxCollection(db.store());
    const inbox = inboxStorage(db.store());
    // Copies are named by the arrival (the acknowledged insert) they came in, in order.
    const arrivals: string[] = [];
    const owned = async () => {
      const arrived = await inbox.arrivals.find().sort({ receivedAt: 1, _id: 1 }).toArray();
      arrivals.push(...arrived.map((arrival) => arrival._id));
      const claimed = await claimDeliveries(inbox, { limit: 100, leaseMs: 60_000 });
      const { own, copies } = await ownDeliveries(inbox.ids, claimed.deliveries);
      const arrivalOf = (batchId: string) => arrivals.findIndex((id) => batchId.endsWith(`/${id}`));
      const named = (list: typeof own) => list.map((d) => `${d.id}@${arrivalOf(d.batchId)}`).sort();
      return { claimed, own: named(own), copies: named(copies) };
    };
    const write = writer();
    await write.write(delivery("a"));
    await write.write(delivery("a"));
    await Promise.all([write.write(delivery("b")), write.write(delivery("a"))]);
    const first = await owned();
    // All three arrivals were admitted as one batch: each copy still counts as its own.
    expect(first.claimed.batches).toHaveLength(1);
    expect(first).toMatchObject({ own: ["a@0", "b@2"], copies: ["a@1", "a@2"] });

    // The worker died holding the claim: the next one applies the same copy.
    await releaseClaim(collection, first.claimed.ref);
    const again = await owned();
    expect(again).toMatchObject({ own: ["a@0", "b@2"], copies: ["a@1", "a@2"] });
    const applied = new Map(again.claimed.deliveries.map((d) => [d.id, { kind: "applied" as const }]));
    await settleClaim(collection, again.claimed, applied, policy);

    // Redelivered after it was applied: a copy, not applied again.
    await write.write(delivery("a"));
    await write.write(delivery("c"));
    expect(await owned()).toMatchObject({ own: ["c@4"], copies: ["a@3"] });
  });

  it("admits, registers and settles a claim of thousands, a redelivery among them still a copy", async () => {
    const collection = inboxCollection(db.store());
    const inbox = inboxStorage(db.store());
    const { ids } = inboxStorage(db.store());
    const write = writer();
    await write.write(delivery("early"));
    const firstClaim = await claimDeliveries(inbox, { limit: 10, leaseMs: 60_000 });
    await ownDeliveries(ids, firstClaim.deliveries);
    const applied = (claim: typeof firstClaim) =>
      new Map(claim.deliveries.map((d) => [d.id, { kind: "applied" as const }]));
    await settleClaim(collection, firstClaim, applied(firstClaim), policy);

    // More batches than one conditional update takes, a redelivery among them.
    const many = Array.from({ length: 2_400 }, (_, index) => `d${index}`);
    for (let start = 0; start < many.length; start += 30)
      await Promise.all(many.slice(start, start + 30).map((id) => write.write(delivery(id))));
    await write.write(delivery("early"));
    const claimed = await claimDeliveries(inbox, { limit: 5_000, leaseMs: 60_000 });
    // Admitted in a few batches: no arrival is left, and no batch of the claim is a lone arrival.
    expect(await inbox.arrivals.countDocuments()).toBe(0);
    expect(claimed.batches.length).toBeLessThan(10);

    const { own, copies } = await ownDeliveries(ids, claimed.deliveries);
    expect(copies.map((d) => d.id)).toEqual(["early"]);
    expect(own).toHaveLength(2_400);
    await settleClaim(collection, claimed, applied(claimed), policy);
    expect(new Set(Object.values(await states()))).toEqual(new Set(["applied"]));
    expect(await collection.countDocuments({ claim: { $ne: null } })).toBe(0);
  });

  it("gives each batch to one claim, and a released claim to the next", async () => {
    const write = writer();
    for (const id of ["a", "b", "c"]) await write.write(delivery(id));
    const collection = inboxCollection(db.store());
    const inbox = inboxStorage(db.store());
    const first = await claimDeliveries(inbox, { limit: 2, leaseMs: 60_000 });
    const second = await claimDeliveries(inbox, { limit: 2, leaseMs: 60_000 });
    expect(first.deliveries.map((d) => d.id)).toEqual(["a", "b"]);
    expect(second.deliveries.map((d) => d.id)).toEqual(["c"]);
    expect((await claimDeliveries(inbox, { limit: 2, leaseMs: 60_000 })).deliveries).toEqual([]);

    await releaseClaim(collection, second.ref);
    const applied = new Map(first.deliveries.map((d) => [d.id, { kind: "applied" as const }]));
    await settleClaim(collection, first, applied, policy);
    expect(await states()).toEqual({ a: "applied", b: "applied", c: "pending" });
    expect((await claimDeliveries(inbox, { limit: 2, leaseMs: 60_000 })).deliveries.map((d) => d.id)).toEqual(
      ["c"],
    );
  });

  it("settles a failed delivery alone: retried after its backoff while its batch's others are done", async () => {
    const write = writer();
    await write.write(delivery("a"));
    await Promise.all([write.write(delivery("b")), write.write(delivery("c"))]);
    const collection = inboxCollection(db.store());
    const inbox = inboxStorage(db.store());
    const claimed = await claimDeliveries(inbox, { limit: 10, leaseMs: 60_000 });
    const outcomes = new Map([
      ["a", { kind: "applied" as const }],
      ["b", { kind: "failed" as const, error: "GitHub answered 500" }],
      ["c", { kind: "applied" as const }],
    ]);
    await settleClaim(collection, claimed, outcomes, policy);
    expect(await states()).toEqual({ a: "applied", b: "pending", c: "applied" });
    expect(await findDeliveries(inbox, { ids: ["b"] })).toMatchObject([
      { attempts: 1, lastError: "GitHub answered 500" },
    ]);
    // Not due before its backoff ends; then only it is tried again.
    expect((await claimDeliveries(inbox, { limit: 10, leaseMs: 60_000 })).deliveries).toEqual([]);
    const retried = await claimDeliveries(inbox, {
      limit: 10,
      leaseMs: 60_000,
      now: new Date(Date.now() + 61_000),
    });
    expect(retried.deliveries.map((d) => [d.id, d.attempts])).toEqual([["b", 1]]);
  });

  it("takes over what the first inbox (a document per delivery) had left, once, and drops it", async () => {
    const mongo = db.connection().db;
    if (!mongo) throw new Error("no database");
    const legacy = mongo.collection<{ _id: string; state: string }>("inbox");
    const old = (id: string, state: string) => ({
      _id: id,
      event: "issue_comment",
      action: "created",
      installationId: 1,
      payload: delivery(id).payload,
      receivedAt: new Date(),
      state,
    });
    await legacy.insertMany([old("waiting", "pending"), old("poison", "failed"), old("done", "applied")]);
    expect(await adoptLegacyInbox(mongo, inboxStorage(db.store()))).toBe(2);
    expect(await states()).toEqual({ waiting: "pending", poison: "pending" });
    expect(await mongo.listCollections({ name: "inbox" }).toArray()).toEqual([]);
    expect(await adoptLegacyInbox(mongo, inboxStorage(db.store()))).toBe(0);
    // A redelivery of a moved delivery is recognised.
    await writer().write(delivery("waiting"));
    const claimed = await claimDeliveries(inboxStorage(db.store()), { limit: 10, leaseMs: 60_000 });
    const { own, copies } = await ownDeliveries(inboxStorage(db.store()).ids, claimed.deliveries);
    expect(own.map((d) => d.id).sort()).toEqual(["poison", "waiting"]);
    expect(copies.map((d) => d.id)).toEqual(["waiting"]);
    expect(copies[0].batchId).not.toBe(own.find((d) => d.id === "waiting")?.batchId);
  });
});
