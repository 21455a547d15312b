import type { Collection } from "mongodb";
import type { InboxBatch, InboxRegistration } from "../models/inbox-batch.js";
import type { Store } from "../store.js";

function native<T extends object>(store: Store, name: string): Collection<T> {
  const db = store.db.db;
  if (!db) throw new Error("the database connection is not open");
  return db.collection<T>(name);
}

/**
 * The inbox through the driver itself: mongoose's collection queues operations while disconnected,
 * where the webhook route needs a prompt failure to answer 503 and a worker to back off.
 */
export const inboxCollection = (store: Store): Collection<InboxBatch> =>
  native<InboxBatch>(store, store.inbox.collection.collectionName);

/**
 * The inbox: what the webhook route stored (arrivals), the batches workers admitted them to, and the
 * delivery ids by which a worker applies each delivery once.
 */
export interface InboxStorage {
  arrivals: Collection<InboxBatch>;
  batches: Collection<InboxBatch>;
  /** The delivery ids registry (`register-deliveries.ts`). */
  ids: Collection<InboxRegistration>;
}

export const inboxStorage = (store: Store): InboxStorage => ({
  arrivals: native<InboxBatch>(store, store.inboxArrivals.collection.collectionName),
  batches: inboxCollection(store),
  ids: native<InboxRegistration>(store, store.inboxRegistrations.collection.collectionName),
});
