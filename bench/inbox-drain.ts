import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "mongodb";
import {
  ARRIVALS_COLLECTION,
  entriesOf,
  INBOX_COLLECTION,
  inboxBatchSchema,
  type InboxEntry,
} from "./inbox-contract.js";

const PROOF_FIELDS = { state: 1, appliedAt: 1, "deliveries.id": 1, progress: 1 } as const;

/**
 * Every delivery in the inbox, its state only, and when the last batch was recorded applied: the bench's
 * database holds just this run's deliveries, and on the embedded server one projected scan costs far
 * less than `$in` reads by id (worse than linear in the number of ids).
 */
export async function readInbox(db: Db): Promise<{ entries: InboxEntry[]; lastAppliedAt: number | null }> {
  const read = (name: string) => db.collection(name).find({}, { projection: PROOF_FIELDS }).toArray();
  const documents = (await Promise.all([read(ARRIVALS_COLLECTION), read(INBOX_COLLECTION)])).flat();
  const batches = documents.map((document) => inboxBatchSchema.parse(document));
  const applied = batches.flatMap((batch) => (batch.appliedAt ? [batch.appliedAt.getTime()] : []));
  return {
    entries: batches.flatMap(entriesOf),
    lastAppliedAt: applied.length > 0 ? Math.max(...applied) : null,
  };
}

/** True when the app wrote at least one delivery to the inbox (false: an app without issue 9's inbox). */
export async function inboxInUse(db: Db): Promise<boolean> {
  const any = (name: string) => db.collection(name).findOne({}, { projection: { _id: 1 } });
  return (await any(ARRIVALS_COLLECTION)) !== null || (await any(INBOX_COLLECTION)) !== null;
}

export type DrainWait = { status: "drained"; drainedAt: number } | { status: "timeout"; gaveUpAt: number };

/**
 * Polls until no delivery is pending, or `timeoutMs` has passed. The embedded server reads every
 * pending batch to answer even `findOne` (it applies the limit after the fetch), so a frequent poll
 * would take its time from the worker being measured: it polls rarely, and the drain's end is taken
 * from the inbox's own `appliedAt` afterwards, not from the poll.
 */
export async function waitForDrain(
  db: Db,
  options: { timeoutMs: number; pollMs: number },
): Promise<DrainWait> {
  const inbox = db.collection(INBOX_COLLECTION);
  const arrivals = db.collection(ARRIVALS_COLLECTION);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const asked = performance.now();
    const pending =
      (await arrivals.findOne({}, { projection: { _id: 1 } })) ??
      (await inbox.findOne({ state: "pending" }, { projection: { _id: 1 } }));
    if (pending === null) return { status: "drained", drainedAt: Date.now() };
    if (Date.now() >= deadline) return { status: "timeout", gaveUpAt: Date.now() };
    // At most a tenth of the database's time, however long the backlog makes each poll.
    await sleep(Math.max(options.pollMs, 10 * (performance.now() - asked)));
  }
}
