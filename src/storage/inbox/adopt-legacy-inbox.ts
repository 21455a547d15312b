import type { Db } from "mongodb";
import { packPayload } from "./payload.js";
import { registerDeliveries } from "./register-deliveries.js";
import type { InboxStorage } from "./collection.js";

/** The first inbox's shape: one document per delivery, in `inbox`. */
interface LegacyDelivery {
  _id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  payload: string;
  receivedAt: Date;
  state: string;
}

export const LEGACY_INBOX = "inbox";

/**
 * Moves what the first inbox (one document per delivery) still had to apply, or had set aside (tried
 * again), into batches of one, then drops it: an upgrade loses no acknowledged delivery. Idempotent: a
 * delivery already moved is kept as it is. Returns how many were moved.
 */
export async function adoptLegacyInbox(db: Db, inbox: InboxStorage): Promise<number> {
  const legacy = db.collection<LegacyDelivery>(LEGACY_INBOX);
  const left = await legacy.find({ state: { $in: ["pending", "failed"] } }).toArray();
  let moved = 0;
  for (const delivery of left) {
    const batchId = `legacy-${delivery._id}`;
    const entry = {
      id: delivery._id,
      event: delivery.event,
      action: delivery.action,
      payload: packPayload(delivery.payload),
      receivedAt: delivery.receivedAt,
    };
    const stored = await inbox.batches.updateOne(
      { _id: batchId },
      {
        $setOnInsert: {
          installationId: delivery.installationId,
          receivedAt: delivery.receivedAt,
          size: 1,
          state: "pending",
          availableAt: new Date(),
          claim: null,
          appliedAt: null,
          deliveries: [entry],
        },
      },
      { upsert: true },
    );
    await registerDeliveries(inbox.ids, [{ id: delivery._id, batch: batchId }], delivery.receivedAt);
    if (stored.upsertedCount > 0) moved += 1;
  }
  if ((await db.listCollections({ name: LEGACY_INBOX }).toArray()).length > 0) await legacy.drop();
  return moved;
}
