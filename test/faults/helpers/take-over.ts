import { inboxCollection } from "../../../src/storage/inbox/index.js";
import type { Store } from "../../../src/storage/store.js";
import type { Queue } from "../../../src/sync/queue.js";

/**
 * What Agenda's lock lifetime does for a job whose worker died (10 minutes for our jobs): the lock is
 * taken for a dead worker's, and another worker runs the job. The test moves the lock back in time
 * instead of waiting; the take-over itself is Agenda's, in the second worker process.
 */
export async function expireLock(queue: Queue, name: string): Promise<void> {
  const expired = new Date(Date.now() - 60 * 60_000);
  const result = await queue.jobs.updateMany(
    { name, lockedAt: { $ne: null } },
    { $set: { lockedAt: expired } },
  );
  if (result.modifiedCount === 0) throw new Error(`no locked ${name} job to expire`);
}

/**
 * What the inbox's lease does for deliveries a dead process had claimed (a minute): they become
 * available again. The test moves their lease back in time; applying them is the next worker's own.
 */
export async function expireInboxClaims(store: Store): Promise<number> {
  const result = await inboxCollection(store).updateMany(
    { state: "pending", claim: { $ne: null } },
    { $set: { availableAt: new Date(Date.now() - 60 * 60_000) } },
  );
  return result.modifiedCount;
}
