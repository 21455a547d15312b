import type { Collection } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";
import type { Store } from "../store.js";

/**
 * The inbox through the driver itself: mongoose's collection queues operations while disconnected,
 * where the webhook route needs a prompt failure to answer 503 and a worker to back off.
 */
export function inboxCollection(store: Store): Collection<InboxDelivery> {
  const db = store.db.db;
  if (!db) throw new Error("the database connection is not open");
  return db.collection<InboxDelivery>(store.inbox.collection.collectionName);
}
