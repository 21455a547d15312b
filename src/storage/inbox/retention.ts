import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

const TTL_INDEX = "inbox_retention";
const INDEX_OPTIONS_CONFLICT = new Set([85, 86]);

/**
 * The TTL index that removes applied deliveries `days` after they were applied (pending and set-aside
 * ones carry no `appliedAt`, so they stay). A changed `INBOX_RETENTION_DAYS` replaces the index.
 */
export async function ensureInboxRetention(
  collection: Collection<InboxDelivery>,
  days: number,
): Promise<void> {
  const options = { name: TTL_INDEX, expireAfterSeconds: Math.round(days * 86_400) };
  try {
    await collection.createIndex({ appliedAt: 1 }, options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "number" || !INDEX_OPTIONS_CONFLICT.has(code)) throw error;
    await collection.dropIndex(TTL_INDEX);
    await collection.createIndex({ appliedAt: 1 }, options);
  }
}
