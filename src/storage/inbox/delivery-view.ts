import type { Binary } from "mongodb";
import type { EntryProgress, InboxBatch, InboxState } from "../models/inbox-batch.js";
import { unpackPayload } from "./payload.js";

/** One delivery of a claimed batch, as the worker applies it. */
export interface InboxDelivery {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  /**
   * The raw body GitHub signed, compressed as stored: `payloadText` expands it when it is parsed, so a
   * claim of thousands holds a sixth of their bytes and each body's text is garbage once extracted.
   */
  packedPayload: Binary;
  receivedAt: Date;
  /** Failed tries so far. */
  attempts: number;
  /** Its copy's identity in `inbox_registrations` (`InboxEntry.storedIn`, or its batch's id). */
  batchId: string;
  /** Its place in the batch's `deliveries`, the key of its `progress`. */
  index: number;
}

/** A delivery's raw body, expanded now (about six times its packed size): read it once, keep the parse. */
export const payloadText = (delivery: Pick<InboxDelivery, "packedPayload">): string =>
  unpackPayload(delivery.packedPayload);

export const progressOf = (batch: InboxBatch, index: number): EntryProgress | undefined =>
  batch.progress?.[String(index)];

/** What became of a batch's delivery: set aside, applied (alone, or with its whole batch), or pending. */
export function deliveryState(batch: InboxBatch, index: number): InboxState {
  const progress = progressOf(batch, index);
  if (progress?.setAside) return "failed";
  if (progress?.done || batch.state !== "pending") return "applied";
  return "pending";
}

/** Whether a delivery of a pending batch is still to be applied, and may be tried at `now`. */
export function isDue(progress: EntryProgress | undefined, now: Date): boolean {
  if (!progress) return true;
  if (progress.done || progress.setAside) return false;
  return progress.retryAt === null || progress.retryAt.getTime() <= now.getTime();
}

/** The deliveries of `batches` due at `now`, oldest first. */
export function dueDeliveries(batches: readonly InboxBatch[], now: Date): InboxDelivery[] {
  const due: InboxDelivery[] = [];
  for (const batch of batches)
    batch.deliveries.forEach((entry, index) => {
      const progress = progressOf(batch, index);
      if (!isDue(progress, now)) return;
      due.push({
        id: entry.id,
        event: entry.event,
        action: entry.action,
        installationId: batch.installationId,
        packedPayload: entry.payload,
        receivedAt: entry.receivedAt,
        attempts: progress?.attempts ?? 0,
        batchId: entry.storedIn ?? batch._id,
        index,
      });
    });
  return due.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}
