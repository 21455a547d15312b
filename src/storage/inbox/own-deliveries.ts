import { MongoBulkWriteError, type Collection } from "mongodb";
import type { InboxDeliveryId } from "../models/inbox-batch.js";
import type { InboxDelivery } from "./delivery-view.js";

export interface OwnedDeliveries {
  /** The deliveries to apply: for each delivery id, the copy stored first. */
  own: InboxDelivery[];
  /** Copies of a delivery whose first copy is applied elsewhere (GitHub redelivered it): done unapplied. */
  copies: InboxDelivery[];
}

const DUPLICATE_KEY = 11000;

/**
 * Ids per insert: one insert of a whole claim's ids held the embedded server for a minute under load
 * (every other command, the webhook route's inserts too, waited behind it). The parts cost the same.
 */
const IDS_PER_INSERT = 1000;

/**
 * Inserts the entries a part at a time; returns the batch each id met already registered has. Those are
 * read back per part too: the embedded server checks an `$in` against every document it reads, so one
 * over a whole claim taken again (every id registered) would cost the square of the claim.
 */
async function register(
  ids: Collection<InboxDeliveryId>,
  entries: readonly InboxDeliveryId[],
): Promise<Map<string, string>> {
  const registered = new Map<string, string>();
  for (let start = 0; start < entries.length; start += IDS_PER_INSERT) {
    const part = entries.slice(start, start + IDS_PER_INSERT);
    const duplicates = await ids.insertMany(part, { ordered: false }).then(
      () => new Set<string>(),
      (error: unknown) => duplicatesOf(error, part),
    );
    if (duplicates.size === 0) continue;
    for (const entry of await ids.find({ _id: { $in: [...duplicates] } }).toArray())
      registered.set(entry._id, entry.batchId);
  }
  return registered;
}

/** The delivery ids whose insert met one already stored; any other failure is the caller's. */
function duplicatesOf(error: unknown, tried: readonly InboxDeliveryId[]): Set<string> {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  const other = writeErrors.find((e) => e.code !== DUPLICATE_KEY);
  if (other) throw new Error(`inbox delivery ids: ${other.errmsg}`);
  return new Set(writeErrors.map((e) => tried[e.index]._id));
}

/**
 * Which claimed deliveries this worker applies. Each delivery id is registered once, with the batch that
 * holds the copy applied (a unique `_id` in `inbox_delivery_ids`). A copy is applied when its batch is the
 * registered one, so a batch claimed again after a worker died is applied again, and a redelivery, in
 * this claim or in a later one, is not. Checked here rather than at acknowledgement: a second insert
 * there halved the webhook route's throughput (ingest bench).
 */
export async function ownDeliveries(
  ids: Collection<InboxDeliveryId>,
  deliveries: readonly InboxDelivery[],
): Promise<OwnedDeliveries> {
  const first = new Map<string, InboxDelivery>();
  for (const delivery of deliveries) if (!first.has(delivery.id)) first.set(delivery.id, delivery);
  const entries = [...first.values()].map((d) => ({
    _id: d.id,
    batchId: d.batchId,
    receivedAt: d.receivedAt,
  }));
  const registered = await register(ids, entries);
  const own: InboxDelivery[] = [];
  const copies: InboxDelivery[] = [];
  for (const delivery of deliveries) {
    const batchId = registered.get(delivery.id) ?? first.get(delivery.id)?.batchId;
    (batchId === delivery.batchId ? own : copies).push(delivery);
  }
  return { own, copies };
}
