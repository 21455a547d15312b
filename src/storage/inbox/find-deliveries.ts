import type { Collection } from "mongodb";
import type { InboxBatch, InboxState } from "../models/inbox-batch.js";
import { deliveryState, progressOf } from "./delivery-view.js";
import { unpackPayload } from "./payload.js";

/** One stored delivery and what became of it. */
export interface DeliveryStatus {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  state: InboxState;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  /** The raw body GitHub signed. */
  payload: string;
}

/**
 * Every stored delivery (or those of `ids`), oldest first: for operators' tools, the bench's proof and
 * tests. Reads whole batches, payloads included: not for the hot path.
 */
export async function findDeliveries(
  collection: Collection<InboxBatch>,
  filter: { ids?: readonly string[] } = {},
): Promise<DeliveryStatus[]> {
  const wanted = filter.ids ? new Set(filter.ids) : null;
  const batches = await collection
    .find(filter.ids ? { "deliveries.id": { $in: [...filter.ids] } } : {})
    .toArray();
  return batches
    .flatMap((batch) =>
      batch.deliveries.map((entry, index) => ({
        id: entry.id,
        event: entry.event,
        action: entry.action,
        installationId: batch.installationId,
        state: deliveryState(batch, index),
        attempts: progressOf(batch, index)?.attempts ?? 0,
        lastError: progressOf(batch, index)?.lastError ?? null,
        receivedAt: entry.receivedAt,
        payload: unpackPayload(entry.payload),
      })),
    )
    .filter((delivery) => !wanted || wanted.has(delivery.id))
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}
