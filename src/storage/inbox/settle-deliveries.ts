import type { Collection } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";
import { claimFilter, type ClaimRef, type Claimed } from "./claim-deliveries.js";
import { appliedWhole, settleBatch, type DeliveryOutcome, type FailurePolicy } from "./settlement.js";

/**
 * Records what became of a claim's deliveries. Batches applied whole (the common case) are settled
 * together, a few dozen an update; one with a failure gets its own update first, recording each tried
 * delivery's progress. Every write is guarded by the claim: a worker whose lease ran out, and whose
 * batches another took, changes nothing.
 */
export async function settleClaim(
  collection: Collection<InboxBatch>,
  claimed: Claimed,
  outcomes: ReadonlyMap<string, DeliveryOutcome>,
  policy: FailurePolicy,
  now = new Date(),
): Promise<void> {
  for (const batch of claimed.batches) {
    if (appliedWhole(batch, outcomes)) continue;
    const settled = settleBatch(batch, outcomes, policy, now);
    const progress = Object.fromEntries(
      Object.entries(settled.progress).map(([index, value]) => [`progress.${index}`, value]),
    );
    await collection.updateOne(
      { _id: batch._id, ...claimFilter(claimed.ref) },
      {
        $set: {
          state: settled.state,
          availableAt: settled.availableAt,
          appliedAt: settled.appliedAt,
          claim: null,
          ...progress,
        },
      },
    );
  }
  // Part by part, as claimed (one lease end each): one update over a whole claim held the collection,
  // and so the webhook route's inserts, for seconds on the embedded server.
  const { claim, first, last } = claimed.ref;
  for (let at = first.getTime(); at <= last.getTime(); at += 1) {
    await collection.updateMany(
      { state: "pending", availableAt: new Date(at), claim },
      { $set: { state: "applied", appliedAt: now, claim: null } },
    );
  }
}

/** Gives a claim back untried (the database failed under it, or the worker is stopping): no attempt used. */
export async function releaseClaim(
  collection: Collection<InboxBatch>,
  ref: ClaimRef,
  availableAt = new Date(),
): Promise<void> {
  await collection.updateMany(claimFilter(ref), { $set: { claim: null, availableAt } });
}

export type { DeliveryOutcome, FailurePolicy };
