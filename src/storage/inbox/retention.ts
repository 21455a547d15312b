import type { Collection, Document } from "mongodb";
import { SERVER_CODES, unlessServerCode } from "../server-errors.js";
import type { InboxStorage } from "./collection.js";

/** The TTL index on applied batches and on delivery ids, replaced when INBOX_RETENTION_DAYS changes. */
export const RETENTION_INDEX = "inbox_retention";

async function ensureTtl<T extends Document>(
  collection: Collection<T>,
  field: string,
  seconds: number,
): Promise<void> {
  const options = { name: RETENTION_INDEX, expireAfterSeconds: seconds };
  try {
    await collection.createIndex({ [field]: 1 }, options);
  } catch (error) {
    unlessServerCode(SERVER_CODES.indexOptionsConflict, SERVER_CODES.indexKeySpecsConflict)(error);
    // Another worker starting with the same new retention may have dropped it first.
    await collection.dropIndex(RETENTION_INDEX).catch(unlessServerCode(SERVER_CODES.indexNotFound));
    await collection.createIndex({ [field]: 1 }, options);
  }
}

/**
 * The TTL indexes that remove applied deliveries `days` after they were applied (pending and set-aside
 * batches carry no `appliedAt`, so they stay), and delivery ids `days` after they arrived. A changed
 * `INBOX_RETENTION_DAYS` replaces them.
 */
export async function ensureInboxRetention(inbox: InboxStorage, days: number): Promise<void> {
  const seconds = Math.round(days * 86_400);
  await ensureTtl(inbox.batches, "appliedAt", seconds);
  await ensureTtl(inbox.ids, "receivedAt", seconds);
}
