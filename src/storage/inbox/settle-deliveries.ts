import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

const APPLIED = (now: Date) => ({
  $set: { state: "applied" as const, appliedAt: now, claim: null, lastError: null },
});

/**
 * Applied: kept (for replay) until the retention TTL removes it. `claim` marks every delivery the
 * batch still holds (those that failed were let go already), in one update on the claim's index.
 */
export async function markApplied(
  collection: Collection<InboxDelivery>,
  held: { claim: string } | { id: string },
  now = new Date(),
): Promise<void> {
  if ("claim" in held) await collection.updateMany({ claim: held.claim }, APPLIED(now));
  else await collection.updateOne({ _id: held.id }, APPLIED(now));
}

export interface FailurePolicy {
  maxAttempts: number;
  /** Delay before the next try after `attempts` failures. */
  backoffMs(attempts: number): number;
}

/**
 * One failed try of one delivery: it waits out its backoff, or is set aside (`failed`) once it has used
 * every attempt, so a poison delivery never blocks the others.
 */
export async function markFailed(
  collection: Collection<InboxDelivery>,
  delivery: Pick<InboxDelivery, "_id" | "attempts">,
  error: string,
  policy: FailurePolicy,
  now = new Date(),
): Promise<"retry" | "failed"> {
  const attempts = delivery.attempts + 1;
  const failed = attempts >= policy.maxAttempts;
  await collection.updateOne(
    { _id: delivery._id },
    {
      $set: {
        attempts,
        lastError: error.slice(0, 2_000),
        claim: null,
        ...(failed
          ? { state: "failed" as const }
          : { availableAt: new Date(now.getTime() + policy.backoffMs(attempts)) }),
      },
    },
  );
  return failed ? "failed" : "retry";
}

/** Gives a batch back untried (the database failed under it, or the worker is stopping): no attempt used. */
export async function releaseClaim(
  collection: Collection<InboxDelivery>,
  claim: string,
  availableAt = new Date(),
): Promise<void> {
  await collection.updateMany({ claim }, { $set: { claim: null, availableAt } });
}
