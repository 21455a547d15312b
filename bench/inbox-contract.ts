import { z } from "zod";

/**
 * The durable inbox of issue 9 as the bench reads it: deliveries acknowledged together are one document
 * of `inbox_batches`, each delivery in `deliveries` with its `X-GitHub-Delivery` as `id`. A batch is
 * "pending" until the worker applies it ("applied") or sets some of it aside ("failed"); a delivery that
 * failed on its own has its fate in `progress[<its index>]`. What the webhook route stores waits in
 * `inbox_arrivals`, in the same shape ("pending"), until a worker admits it to `inbox_batches`. Only the
 * fields the proof needs are read.
 */
export const INBOX_COLLECTION = "inbox_batches";
export const ARRIVALS_COLLECTION = "inbox_arrivals";

const progressSchema = z.looseObject({
  done: z.boolean().optional(),
  setAside: z.boolean().optional(),
  lastError: z.string().nullish(),
});
export const inboxBatchSchema = z.looseObject({
  state: z.string(),
  /** When the worker recorded the batch applied (absent or null until then). */
  appliedAt: z.date().nullish(),
  deliveries: z.array(z.looseObject({ id: z.string() })),
  progress: z.record(z.string(), progressSchema).optional(),
});

/** One delivery and its state. */
export interface InboxEntry {
  _id: string;
  state: string;
  lastError?: string | null;
}

/** A batch's deliveries, each with its own state. */
export function entriesOf(batch: z.output<typeof inboxBatchSchema>): InboxEntry[] {
  return batch.deliveries.map(({ id }, index) => {
    const progress = batch.progress?.[String(index)];
    if (progress?.setAside) return { _id: id, state: "failed", lastError: progress.lastError };
    if (progress?.done) return { _id: id, state: "applied" };
    return { _id: id, state: batch.state === "failed" ? "applied" : batch.state };
  });
}

/** Where every acknowledged delivery ended up. */
export interface AcknowledgedTally {
  acknowledged: number;
  applied: number;
  /** Set aside by the worker after failing (the target is 0). */
  failed: number;
  /** In the inbox but neither applied nor set aside. */
  pending: number;
  /** Acknowledged, yet not in the inbox at all: a lost delivery. */
  missing: number;
  /** A few of the set-aside deliveries' errors, for the report. */
  errors: string[];
}

const ERRORS_KEPT = 3;

export function tallyAcknowledged(ids: readonly string[], entries: readonly InboxEntry[]): AcknowledgedTally {
  const byId = new Map(entries.map((entry) => [entry._id, entry]));
  const tally: AcknowledgedTally = {
    acknowledged: 0,
    applied: 0,
    failed: 0,
    pending: 0,
    missing: 0,
    errors: [],
  };
  for (const id of new Set(ids)) {
    tally.acknowledged += 1;
    const entry = byId.get(id);
    if (!entry) tally.missing += 1;
    else if (entry.state === "applied") tally.applied += 1;
    else if (entry.state === "failed") {
      tally.failed += 1;
      const error = entry.lastError ?? "no lastError";
      if (tally.errors.length < ERRORS_KEPT && !tally.errors.includes(error)) tally.errors.push(error);
    } else tally.pending += 1;
  }
  return tally;
}

/** Deliveries in the inbox by state (what the worker has still to do, and what it did). */
export interface InboxCounts {
  /** Neither applied nor set aside (the contract's "pending", or any state it does not name). */
  pending: number;
  applied: number;
  failed: number;
}

export function countStates(entries: readonly InboxEntry[]): InboxCounts {
  const counts: InboxCounts = { pending: 0, applied: 0, failed: 0 };
  for (const { state } of entries) {
    if (state === "applied" || state === "failed") counts[state] += 1;
    else counts.pending += 1;
  }
  return counts;
}

/** Every acknowledged delivery applied, none set aside, none lost. */
export const everyAcknowledgedApplied = (tally: AcknowledgedTally): boolean =>
  tally.acknowledged > 0 && tally.applied === tally.acknowledged;
