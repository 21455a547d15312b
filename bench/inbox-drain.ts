import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "mongodb";
import { INBOX_COLLECTION, inboxEntrySchema, type InboxEntry } from "./inbox-contract.js";

/**
 * Every delivery in the inbox, its state only: the bench's database holds just this run's deliveries,
 * and on the embedded server one projected scan (~0.3 ms a document) costs far less than `_id $in`
 * reads (500 ids ~1.6 s, and worse than linear beyond) or counting a state (~0.35 ms a document).
 */
export async function readInbox(db: Db): Promise<InboxEntry[]> {
  const documents = await db
    .collection(INBOX_COLLECTION)
    .find({}, { projection: { state: 1, appliedAt: 1, lastError: 1 } })
    .toArray();
  return documents.map((document) => inboxEntrySchema.parse(document));
}

/** True when the app wrote at least one delivery to the inbox (false: an app without issue 9's inbox). */
export async function inboxInUse(db: Db): Promise<boolean> {
  return (await db.collection(INBOX_COLLECTION).findOne({}, { projection: { _id: 1 } })) !== null;
}

export type DrainWait = { status: "drained"; drainedAt: number } | { status: "timeout"; gaveUpAt: number };

/**
 * Polls until no delivery is pending, or `timeoutMs` has passed. One equality read on `state` that
 * stops at the first match: cheap on an index led by `state`, so the poll barely loads the database
 * the worker is draining.
 */
export async function waitForDrain(
  db: Db,
  options: { timeoutMs: number; pollMs: number },
): Promise<DrainWait> {
  const inbox = db.collection(INBOX_COLLECTION);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const pending = await inbox.findOne({ state: "pending" }, { projection: { _id: 1 } });
    if (pending === null) return { status: "drained", drainedAt: Date.now() };
    if (Date.now() >= deadline) return { status: "timeout", gaveUpAt: Date.now() };
    await sleep(options.pollMs);
  }
}
