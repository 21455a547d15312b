import type { Store } from "../storage/store.js";

/** Small named timestamps of the sync engine (e.g. how far webhook redelivery has looked). */
const SYNC_STATE_COLLECTION = "sync_state";

interface Watermark {
  _id: string;
  at: Date;
}

const collection = (store: Store) => {
  const db = store.db.db;
  if (!db) throw new Error("the database connection is not open");
  return db.collection<Watermark>(SYNC_STATE_COLLECTION);
};

export async function readWatermark(store: Store, name: string): Promise<Date | null> {
  return (await collection(store).findOne({ _id: name }))?.at ?? null;
}

export async function writeWatermark(store: Store, name: string, at: Date): Promise<void> {
  await collection(store).updateOne({ _id: name }, { $set: { at } }, { upsert: true });
}
