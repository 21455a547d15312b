import type { Collection } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";
import { duplicateKeyIndexes } from "../write/upsert-if-newer.js";
import type { InboxStorage } from "./collection.js";
import { entryBytes, PACK_SPAN_MS } from "./pack-applied.js";

/**
 * An admitted batch's bytes, at most: a burst's backlog becomes a few dozen documents to claim and
 * settle (the embedded server pays about 2 ms a document, whatever its size), each far under 16 MB.
 */
const ADMITTED_MAX_BYTES = 2 * 1024 * 1024;
/** Arrivals deleted per write: each delete holds `inbox_arrivals`, and so the webhook route, a moment. */
const DELETED_PER_WRITE = 64;

/** The claim the admitted batches are stored under: they go straight to the worker admitting them. */
export interface AdmitClaim {
  claim: string;
  availableAt: Date;
}

/** Arrivals, oldest first, until they hold `limit` deliveries (or none are left). */
async function readArrivals(arrivals: Collection<InboxBatch>, limit: number): Promise<InboxBatch[]> {
  const read: InboxBatch[] = [];
  let deliveries = 0;
  for await (const arrival of arrivals.find({})) {
    read.push(arrival);
    deliveries += arrival.size;
    if (deliveries >= limit) break;
  }
  // Ties broken by id, whatever order the scan returned them in: admitting the same arrivals again
  // must make the same batches.
  const order = (batch: InboxBatch) => `${batch.receivedAt.toISOString()} ${batch._id}`;
  return read.sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

const bytesOf = (arrival: InboxBatch) =>
  arrival.deliveries.reduce((sum, entry) => sum + entryBytes(entry), 0);

/**
 * Whole arrivals of one installation and one minute (a batch spans no more than a packed one, which
 * `replay --since` relies on), in order, merged up to `ADMITTED_MAX_BYTES` a batch. A batch takes its
 * first arrival's id: admitting the same arrivals twice (a worker died before deleting them) meets the
 * batch stored the first time, instead of storing their deliveries again.
 */
export function admittedBatches(arrivals: readonly InboxBatch[], claim: AdmitClaim): InboxBatch[] {
  const parts: InboxBatch[][] = [];
  const open = new Map<string, { part: InboxBatch[]; bytes: number }>();
  for (const arrival of arrivals) {
    const bytes = bytesOf(arrival);
    const key = `${arrival.installationId}:${Math.floor(arrival.receivedAt.getTime() / PACK_SPAN_MS)}`;
    const current = open.get(key);
    if (current && current.bytes + bytes <= ADMITTED_MAX_BYTES) {
      current.part.push(arrival);
      current.bytes += bytes;
      continue;
    }
    const part = [arrival];
    parts.push(part);
    open.set(key, { part, bytes });
  }
  return parts.map((part) => ({
    _id: part[0]._id,
    installationId: part[0].installationId,
    receivedAt: part[0].receivedAt,
    size: part.reduce((sum, arrival) => sum + arrival.deliveries.length, 0),
    state: "pending",
    availableAt: claim.availableAt,
    claim: claim.claim,
    appliedAt: null,
    // A copy's identity names the arrival too: a redelivery merged with its first copy is still a copy.
    deliveries: part.flatMap((arrival) =>
      arrival.deliveries.map((entry) => ({ ...entry, storedIn: `${part[0]._id}/${arrival._id}` })),
    ),
    sources: part.map((arrival) => arrival._id),
  }));
}

/**
 * Stores the batches; returns those stored now, and the arrivals that are in `inbox_batches` either way
 * (a batch stored before, by this worker before it died or by another admitting at once, lists its own).
 */
async function storeBatches(batches: Collection<InboxBatch>, admitted: InboxBatch[]) {
  let taken: number[] = [];
  try {
    if (admitted.length > 0) await batches.insertMany(admitted, { ordered: false });
  } catch (error) {
    taken = duplicateKeyIndexes(error);
  }
  const takenIds = taken.map((index) => admitted[index]._id);
  const before = takenIds.length === 0 ? [] : await batches.find({ _id: { $in: takenIds } }).toArray();
  const stored = admitted.filter((_, index) => !taken.includes(index));
  // A batch taken and already applied and packed away lists nothing now: its arrivals stay, admitted
  // again and applied again under the same identity, as a batch reclaimed after a lease is.
  const admittedIds = [...stored, ...before].flatMap((batch) => batch.sources ?? []);
  return { stored, admittedIds };
}

/**
 * Moves arrivals, up to about `limit` deliveries, into `inbox_batches` as batches claimed by `claim`,
 * and returns them. Stored before the arrivals go: a crash in between leaves them to be admitted again,
 * which finds the batches already stored.
 */
export async function admitArrivals(
  inbox: Pick<InboxStorage, "arrivals" | "batches">,
  options: { limit: number } & AdmitClaim,
): Promise<InboxBatch[]> {
  const arrivals = await readArrivals(inbox.arrivals, options.limit);
  if (arrivals.length === 0) return [];
  const { stored, admittedIds } = await storeBatches(inbox.batches, admittedBatches(arrivals, options));
  for (let start = 0; start < admittedIds.length; start += DELETED_PER_WRITE)
    await inbox.arrivals.deleteMany({ _id: { $in: admittedIds.slice(start, start + DELETED_PER_WRITE) } });
  return stored;
}
