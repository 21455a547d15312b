import { randomUUID } from "node:crypto";
import type { InboxBatch, InboxEntry } from "../models/inbox-batch.js";

/**
 * Applied deliveries are packed by installation and by the minute they arrived: `replay --since` reads
 * a packed document from its first arrival, so it looks back one span for those that straddle `since`.
 */
export const PACK_SPAN_MS = 60_000;
/** Well under MongoDB's 16 MB a document: payloads are stored compressed, a few KB each. */
const PACK_MAX_BYTES = 8 * 1024 * 1024;
/** What an entry costs beyond its payload (ids, names, dates, BSON framing), roughly. */
const ENTRY_OVERHEAD_BYTES = 200;

export const entryBytes = (entry: InboxEntry) => entry.payload.length() + ENTRY_OVERHEAD_BYTES;

function packed(installationId: number | null, entries: InboxEntry[], appliedAt: Date): InboxBatch {
  return {
    _id: randomUUID(),
    installationId,
    receivedAt: entries[0].receivedAt,
    size: entries.length,
    state: "applied",
    availableAt: appliedAt,
    claim: null,
    appliedAt,
    deliveries: entries,
  };
}

/**
 * A claim's batches applied whole, as few documents as their bytes allow. Every document is updated
 * and deleted at a cost of its own on the embedded server (about 2 ms to mark one applied, whatever
 * its size), and a burst stores a few deliveries per batch: kept for replay, packed, they cost a tenth.
 * Each delivery keeps the batch it was first stored in, by which a redelivery is still known.
 */
export function packAppliedBatches(batches: readonly InboxBatch[], appliedAt: Date): InboxBatch[] {
  const groups = new Map<string, { installationId: number | null; entries: InboxEntry[] }>();
  for (const batch of batches)
    for (const entry of batch.deliveries) {
      const minute = Math.floor(entry.receivedAt.getTime() / PACK_SPAN_MS);
      const key = `${batch.installationId}:${minute}`;
      const group = groups.get(key) ?? { installationId: batch.installationId, entries: [] };
      groups.set(key, group);
      group.entries.push({ ...entry, storedIn: entry.storedIn ?? batch._id });
    }
  const documents: InboxBatch[] = [];
  for (const { installationId, entries } of groups.values()) {
    entries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    let part: InboxEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      if (part.length > 0 && bytes + entryBytes(entry) > PACK_MAX_BYTES) {
        documents.push(packed(installationId, part, appliedAt));
        part = [];
        bytes = 0;
      }
      part.push(entry);
      bytes += entryBytes(entry);
    }
    if (part.length > 0) documents.push(packed(installationId, part, appliedAt));
  }
  return documents;
}
