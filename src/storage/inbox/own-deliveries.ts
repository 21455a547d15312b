import type { Collection } from "mongodb";
import type { InboxRegistration } from "../models/inbox-batch.js";
import type { InboxDelivery } from "./delivery-view.js";
import { registerDeliveries } from "./register-deliveries.js";

export interface OwnedDeliveries {
  /** The deliveries to apply: for each delivery id, the copy stored first. */
  own: InboxDelivery[];
  /** Copies of a delivery whose first copy is applied elsewhere (GitHub redelivered it): done unapplied. */
  copies: InboxDelivery[];
}

/**
 * Which claimed deliveries this worker applies. Each delivery id is registered once, with the batch that
 * holds the copy applied (`inbox_registrations`). A copy is applied when its batch is the registered
 * one, so a batch claimed again after a worker died is applied again, and a redelivery, in this claim or
 * in a later one, is not. Checked here rather than at acknowledgement: a second insert there halved the
 * webhook route's throughput (ingest bench).
 */
export async function ownDeliveries(
  ids: Collection<InboxRegistration>,
  deliveries: readonly InboxDelivery[],
): Promise<OwnedDeliveries> {
  const first = new Map<string, InboxDelivery>();
  for (const delivery of deliveries) if (!first.has(delivery.id)) first.set(delivery.id, delivery);
  const entries = [...first.values()].map((d) => ({ id: d.id, batch: d.batchId }));
  const registered = await registerDeliveries(ids, entries);
  const own: InboxDelivery[] = [];
  const copies: InboxDelivery[] = [];
  for (const delivery of deliveries) {
    const batchId = registered.get(delivery.id) ?? first.get(delivery.id)?.batchId;
    (batchId === delivery.batchId ? own : copies).push(delivery);
  }
  return { own, copies };
}
