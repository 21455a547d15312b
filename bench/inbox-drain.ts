import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "mongodb";
import { entriesOf, INBOX_COLLECTION, inboxBatchSchema, type InboxEntry } from "./inbox-contract.js";

/**
 * Every delivery in the inbox, its state only: the bench's database holds just this run's deliveries,
 * and on the embedded server one projected scan costs far less than `$in` reads by id (worse than
 * linear in the number of ids).
 */
export async function readInbox(db: Db): Promise<InboxEntry[]> {
  const documents = await db
    .collection(INBOX_COLLECTION)
    .find({}, { projection: { state: 1, "deliveries.id": 1, progress: 1 } })
    .toArray();
  return documents.flatMap((document) => entriesOf(inboxBatchSchema.parse(document)));
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
