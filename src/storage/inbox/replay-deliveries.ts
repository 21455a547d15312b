import type { Collection } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";

export interface ReplayScope {
  since: Date;
  installationId?: number;
}

/**
 * Queues every kept delivery received since `since` to be applied again (after a bug fix): applied ones
 * and those set aside, with fresh attempts. Writes are guarded by GitHub's versions and idempotent, so
 * replaying changes nothing that was already right. Returns how many deliveries were queued.
 */
export async function replayDeliveries(
  collection: Collection<InboxBatch>,
  scope: ReplayScope,
  now = new Date(),
): Promise<number> {
  const filter = {
    receivedAt: { $gte: scope.since },
    ...(scope.installationId === undefined ? {} : { installationId: scope.installationId }),
    state: { $in: ["applied" as const, "failed" as const] },
  };
  const batches = await collection.find(filter, { projection: { size: 1 } }).toArray();
  if (batches.length === 0) return 0;
  await collection.updateMany(filter, {
    $set: { state: "pending", availableAt: now, claim: null, appliedAt: null },
    $unset: { progress: "" },
  });
  return batches.reduce((sum, batch) => sum + batch.size, 0);
}
