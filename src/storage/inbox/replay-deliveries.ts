import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

export interface ReplayScope {
  since: Date;
  installationId?: number;
}

/**
 * Queues every kept delivery received since `since` to be applied again (after a bug fix): applied ones
 * and those set aside, with fresh attempts. Writes are guarded by GitHub's versions and idempotent, so
 * replaying changes nothing that was already right. Returns how many were queued.
 */
export async function replayDeliveries(
  collection: Collection<InboxDelivery>,
  scope: ReplayScope,
  now = new Date(),
): Promise<number> {
  const filter = {
    receivedAt: { $gte: scope.since },
    ...(scope.installationId === undefined ? {} : { installationId: scope.installationId }),
    state: { $in: ["applied" as const, "failed" as const] },
  };
  const result = await collection.updateMany(filter, {
    $set: { state: "pending", availableAt: now, attempts: 0, claim: null, lastError: null, appliedAt: null },
  });
  return result.modifiedCount;
}
