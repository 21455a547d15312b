import type { Collection } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";
import { claimFilter, type ClaimRef, type Claimed } from "./claim-deliveries.js";
import { packAppliedBatches } from "./pack-applied.js";
import { appliedWhole, settleBatch, type DeliveryOutcome, type FailurePolicy } from "./settlement.js";

const DELETED_PER_WRITE = 64;

/**
 * Records what became of a claim's deliveries. Batches applied whole (the common case) are kept for
 * replay packed into a few documents (`packAppliedBatches`), and the originals are then deleted part by
 * part. A batch with a failure gets its own update first, recording each tried delivery's progress.
 * Every write to a claimed batch is guarded by the claim: a worker whose lease ran out, and whose
 * batches another took, changes none of them (it leaves a second, applied copy of what it applied).
 */
export async function settleClaim(
  collection: Collection<InboxBatch>,
  claimed: Claimed,
  outcomes: ReadonlyMap<string, DeliveryOutcome>,
  policy: FailurePolicy,
  now = new Date(),
): Promise<void> {
  const whole: InboxBatch[] = [];
  for (const batch of claimed.batches) {
    if (appliedWhole(batch, outcomes)) {
      whole.push(batch);
      continue;
    }
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
  if (whole.length === 0) return;
  // Stored before the originals go: a crash in between leaves a delivery twice, never nowhere.
  await collection.insertMany(packAppliedBatches(whole, now), { ordered: false });
  // A few dozen at a time: one write over a whole claim held the collection, and so the webhook route's
  // inserts, for seconds on the embedded server. By `_id`: with the claim beside an index range, the
  // embedded server took 4 times as long per document.
  const { claim } = claimed.ref;
  for (let start = 0; start < whole.length; start += DELETED_PER_WRITE) {
    const ids = whole.slice(start, start + DELETED_PER_WRITE).map((batch) => batch._id);
    await collection.deleteMany({ _id: { $in: ids }, claim });
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
