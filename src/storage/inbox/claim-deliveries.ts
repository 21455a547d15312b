import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";
import { admitArrivals } from "./admit-arrivals.js";
import type { InboxStorage } from "./collection.js";
import { dueDeliveries, type InboxDelivery } from "./delivery-view.js";

/**
 * A worker's hold on some batches: they carry its id, and as `availableAt` one of its lease ends,
 * `first` to `last`, a millisecond apart (one per conditional update that took them, then the admitted ones').
 */
export interface ClaimRef {
  claim: string;
  first: Date;
  last: Date;
}

export interface Claimed {
  ref: ClaimRef;
  /** The batches as claimed (payloads packed), for settling. */
  batches: InboxBatch[];
  deliveries: InboxDelivery[];
}

/** The claim's batches, found on the `{state, availableAt}` index: their `availableAt` is one of its lease ends. */
export const claimFilter = (ref: ClaimRef) => ({
  state: "pending" as const,
  availableAt: { $gte: ref.first, $lte: ref.last },
  claim: ref.claim,
});

/**
 * Batches per conditional update. The embedded server holds a collection's write lock for a whole
 * update, so one over every batch of a large claim would stall the webhook route's inserts.
 */
const PART_BATCHES = 64;

/** The `availableAt` of every `PART_BATCHES`-th available batch up to about `limit` deliveries, and the last. */
async function partEnds(collection: Collection<InboxBatch>, now: Date, limit: number): Promise<Date[]> {
  const available = await collection
    .find(
      { state: "pending", availableAt: { $lte: now } },
      { projection: { _id: 0, availableAt: 1, size: 1 } },
    )
    .sort({ availableAt: 1 })
    .limit(limit)
    .toArray();
  const ends: Date[] = [];
  let counted = 0;
  for (const [index, batch] of available.entries()) {
    counted += batch.size;
    const last = counted >= limit || index === available.length - 1;
    if (last || (index + 1) % PART_BATCHES === 0) ends.push(batch.availableAt);
    if (last) break;
  }
  return ends;
}

/**
 * Takes the oldest available pending batches, about `limit` deliveries, on the `{state, availableAt}`
 * index: each conditional update takes everything pending up to a batch's `availableAt` (ties may add a
 * few) and moves their `availableAt` to a lease end, so of several workers claiming at once each batch
 * goes to exactly one. Room left is filled with new arrivals, admitted as batches already claimed. The
 * claim lasts `leaseMs`: a worker that dies holding it leaves its batches to be taken again when it
 * runs out.
 */
export async function claimDeliveries(
  inbox: Pick<InboxStorage, "arrivals" | "batches">,
  options: { limit: number; leaseMs: number; now?: Date },
): Promise<Claimed> {
  const now = options.now ?? new Date();
  const claim = randomUUID();
  const first = new Date(now.getTime() + options.leaseMs);
  const leaseEnd = (slot: number) => new Date(first.getTime() + slot);
  let taken = 0;
  for (const end of await partEnds(inbox.batches, now, options.limit)) {
    const { modifiedCount } = await inbox.batches.updateMany(
      { state: "pending", availableAt: { $lte: end } },
      { $set: { claim, availableAt: leaseEnd(taken) } },
    );
    if (modifiedCount > 0) taken += 1;
  }
  // The last slot is the admitted batches' (read back before they exist, the filter finds none there).
  const ref = { claim, first, last: leaseEnd(taken) };
  const before = taken === 0 ? [] : await inbox.batches.find(claimFilter(ref)).toArray();
  const room = options.limit - before.reduce((sum, batch) => sum + batch.size, 0);
  const admitted =
    room > 0 ? await admitArrivals(inbox, { limit: room, claim, availableAt: leaseEnd(taken) }) : [];
  const batches = [...before, ...admitted];
  return { ref, batches, deliveries: dueDeliveries(batches, now) };
}
