import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

export interface Claimed {
  claim: string;
  deliveries: InboxDelivery[];
}

/**
 * Takes about `limit` of the oldest available pending deliveries for one batch, in one conditional
 * update on the `{state, availableAt}` index: everything pending up to the `limit`-th delivery's
 * `availableAt` (ties may add a few). The update moves their `availableAt` past now, so of several
 * workers claiming at once each delivery goes to exactly one. The claim lasts `leaseMs`: a worker that
 * dies holding it leaves its deliveries to be taken again when it runs out. (One compare-and-set per
 * delivery cost the embedded server ten times as much: each rewrites index entries.)
 */
export async function claimDeliveries(
  collection: Collection<InboxDelivery>,
  options: { limit: number; leaseMs: number; now?: Date },
): Promise<Claimed> {
  const now = options.now ?? new Date();
  const claim = randomUUID();
  const available = { state: "pending" as const, availableAt: { $lte: now } };
  const [last] = await collection
    .find(available, { projection: { _id: 0, availableAt: 1 } })
    .sort({ availableAt: 1 })
    .skip(options.limit - 1)
    .limit(1)
    .toArray();
  const until = new Date(now.getTime() + options.leaseMs);
  const { modifiedCount } = await collection.updateMany(
    { state: "pending", availableAt: { $lte: last?.availableAt ?? now } },
    { $set: { claim, availableAt: until } },
  );
  if (modifiedCount === 0) return { claim, deliveries: [] };
  const deliveries = await collection.find({ claim }).toArray();
  return { claim, deliveries: deliveries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()) };
}
