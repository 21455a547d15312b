import type { InboxState } from "../models/inbox-batch.js";
import type { InboxStorage } from "./collection.js";
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
  inbox: Pick<InboxStorage, "arrivals" | "batches">,
  filter: { ids?: readonly string[] } = {},
): Promise<DeliveryStatus[]> {
  const wanted = filter.ids ? new Set(filter.ids) : null;
  const query = filter.ids ? { "deliveries.id": { $in: [...filter.ids] } } : {};
  const [arrived, admitted] = await Promise.all([
    inbox.arrivals.find(query).toArray(),
    inbox.batches.find(query).toArray(),
  ]);
  return [...arrived, ...admitted]
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
