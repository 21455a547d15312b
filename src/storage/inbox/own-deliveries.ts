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
  let registered = new Map<string, string>();
  if (entries.length > 0) {
    const duplicates = await ids.insertMany(entries, { ordered: false }).then(
      () => new Set<string>(),
      (error: unknown) => duplicatesOf(error, entries),
    );
    if (duplicates.size > 0) {
      const found = await ids.find({ _id: { $in: [...duplicates] } }).toArray();
      registered = new Map(found.map((entry) => [entry._id, entry.batchId]));
    }
  }
  const own: InboxDelivery[] = [];
  const copies: InboxDelivery[] = [];
  for (const delivery of deliveries) {
    const batchId = registered.get(delivery.id) ?? first.get(delivery.id)?.batchId;
    (batchId === delivery.batchId ? own : copies).push(delivery);
  }
  return { own, copies };
}
