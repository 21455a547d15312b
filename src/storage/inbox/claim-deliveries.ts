import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

export interface Claimed {
  claim: string;
  deliveries: InboxDelivery[];
}

/**
 * Takes up to `limit` of the oldest available pending deliveries for one batch. Each is taken with a
 * compare-and-set on the `availableAt` it was read with (led by its _id: a point lookup), so of several
 * workers reading the same candidates exactly one wins each. The claim lasts `leaseMs`: a worker that
 * dies holding it leaves deliveries that become available again when it runs out.
 */
export async function claimDeliveries(
  collection: Collection<InboxDelivery>,
  options: { limit: number; leaseMs: number; now?: Date },
): Promise<Claimed> {
  const now = options.now ?? new Date();
  const claim = randomUUID();
  const candidates = await collection
    .find({ state: "pending", availableAt: { $lte: now } }, { projection: { _id: 1, availableAt: 1 } })
    .sort({ availableAt: 1 })
    .limit(options.limit)
    .toArray();
  if (candidates.length === 0) return { claim, deliveries: [] };
  const until = new Date(now.getTime() + options.leaseMs);
  await collection.bulkWrite(
    candidates.map((candidate) => ({
      updateOne: {
        filter: { _id: candidate._id, state: "pending", availableAt: candidate.availableAt },
        update: { $set: { claim, availableAt: until } },
      },
    })),
    { ordered: false },
  );
  const deliveries = await collection.find({ claim }).toArray();
  return { claim, deliveries: deliveries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()) };
}
