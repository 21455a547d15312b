import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "mongodb";
import {
  chunked,
  INBOX_COLLECTION,
  inboxEntrySchema,
  tallyAcknowledged,
  type AcknowledgedTally,
} from "./inbox-contract.js";

/** Deliveries in the inbox by state (what the worker has still to do, and what it did). */
export interface InboxCounts {
  pending: number;
  applied: number;
  failed: number;
}

// Equality on `state` only: the embedded database plans an index for that shape and scans otherwise.
export async function readInboxCounts(db: Db): Promise<InboxCounts> {
  const inbox = db.collection(INBOX_COLLECTION);
  const [pending, applied, failed] = await Promise.all(
    ["pending", "applied", "failed"].map((state) => inbox.countDocuments({ state })),
  );
  return { pending, applied, failed };
}

/** True when the app wrote at least one delivery to the inbox (false: an app without issue 9's inbox). */
export async function inboxInUse(db: Db): Promise<boolean> {
  return (await db.collection(INBOX_COLLECTION).findOne({}, { projection: { _id: 1 } })) !== null;
}

export type DrainWait =
  | { status: "drained"; drainedAt: number; polls: number }
  | { status: "timeout"; gaveUpAt: number; pending: number; polls: number };

/** Polls until no delivery is pending, or `timeoutMs` has passed. */
export async function waitForDrain(
  db: Db,
  options: { timeoutMs: number; pollMs: number },
): Promise<DrainWait> {
  const deadline = Date.now() + options.timeoutMs;
  for (let polls = 1; ; polls++) {
    const pending = await db.collection(INBOX_COLLECTION).countDocuments({ state: "pending" });
    if (pending === 0) return { status: "drained", drainedAt: Date.now(), polls };
    if (Date.now() >= deadline) return { status: "timeout", gaveUpAt: Date.now(), pending, polls };
    await sleep(options.pollMs);
  }
}

const IDS_PER_READ = 500;

/** Looks every acknowledged delivery id up in the inbox (reads led by `_id`) and tallies its state. */
export async function checkAcknowledged(db: Db, ids: readonly string[]): Promise<AcknowledgedTally> {
  const inbox = db.collection<{ _id: string }>(INBOX_COLLECTION);
  const entries = [];
  for (const chunk of chunked([...new Set(ids)], IDS_PER_READ)) {
    const found = await inbox
      .find({ _id: { $in: chunk } }, { projection: { state: 1, appliedAt: 1, lastError: 1 } })
      .toArray();
    entries.push(...found.map((document) => inboxEntrySchema.parse(document)));
  }
  return tallyAcknowledged(ids, entries);
}
