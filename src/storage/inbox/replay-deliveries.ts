import type { Collection } from "mongodb";
import type { EntryProgress, InboxBatch } from "../models/inbox-batch.js";
import { PACK_SPAN_MS } from "./pack-applied.js";

export interface ReplayScope {
  since: Date;
  installationId?: number;
}

const KEPT = ["applied" as const, "failed" as const];

/** Kept batches of the scope's installation (or all) received within `receivedAt`. */
const keptIn = (scope: ReplayScope, receivedAt: { $gte: Date; $lt?: Date }) => ({
  receivedAt,
  ...(scope.installationId === undefined ? {} : { installationId: scope.installationId }),
  state: { $in: KEPT },
});

/** Already right before `since`: left out of the replay as if applied in it. */
const DONE: EntryProgress = { attempts: 0, lastError: null, retryAt: null, done: true, setAside: false };

/** An earlier delivery stays as it was: done, or still set aside. */
function keptBefore(batch: InboxBatch, index: number): EntryProgress {
  const progress = batch.progress?.[String(index)];
  return progress?.setAside ? progress : DONE;
}

/**
 * Documents that began in the span before `since` (packed ones hold up to a span of arrivals): those
 * with deliveries since then are queued for just those, the earlier ones marked done. Returns how many
 * deliveries were queued.
 */
async function replayStraddling(
  collection: Collection<InboxBatch>,
  scope: ReplayScope,
  now: Date,
): Promise<number> {
  const earlier = await collection
    .find(keptIn(scope, { $gte: new Date(scope.since.getTime() - PACK_SPAN_MS), $lt: scope.since }))
    .toArray();
  let queued = 0;
  for (const batch of earlier) {
    const before = batch.deliveries.flatMap((entry, index) =>
      entry.receivedAt < scope.since ? [index] : [],
    );
    if (before.length === batch.deliveries.length) continue;
    queued += batch.deliveries.length - before.length;
    await collection.updateOne(
      { _id: batch._id, state: { $in: KEPT } },
      {
        $set: {
          state: "pending",
          availableAt: now,
          claim: null,
          appliedAt: null,
          progress: Object.fromEntries(before.map((index) => [String(index), keptBefore(batch, index)])),
        },
      },
    );
  }
  return queued;
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
  const straddling = await replayStraddling(collection, scope, now);
  const filter = keptIn(scope, { $gte: scope.since });
  const batches = await collection.find(filter, { projection: { size: 1 } }).toArray();
  if (batches.length === 0) return straddling;
  await collection.updateMany(filter, {
    $set: { state: "pending", availableAt: now, claim: null, appliedAt: null },
    $unset: { progress: "" },
  });
  return straddling + batches.reduce((sum, batch) => sum + batch.size, 0);
}
