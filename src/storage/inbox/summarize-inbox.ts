import type { InboxState } from "../models/inbox-batch.js";
import type { InboxStorage } from "./collection.js";
import { deliveryState, progressOf } from "./delivery-view.js";

export interface SetAsideDelivery {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  receivedAt: Date;
  attempts: number;
  lastError: string | null;
}

export interface InboxSummary {
  /** Deliveries (not batches) by state. */
  counts: Record<InboxState, number>;
  /** Oldest pending delivery's arrival: how far behind the workers are. */
  oldestPendingAt: Date | null;
  failed: SetAsideDelivery[];
}

const WITHOUT_PAYLOADS = { "deliveries.payload": 0 } as const;

/** What `mergelens inbox` and `sync status` show: the backlog and the deliveries set aside. */
export async function summarizeInbox(
  inbox: Pick<InboxStorage, "arrivals" | "batches">,
  options: { installationId?: number; failedLimit?: number } = {},
): Promise<InboxSummary> {
  const scope = options.installationId === undefined ? {} : { installationId: options.installationId };
  const [appliedBatches, open, arrived] = await Promise.all([
    inbox.batches
      .aggregate<{ n: number }>([
        { $match: { state: "applied", ...scope } },
        { $group: { _id: null, n: { $sum: "$size" } } },
      ])
      .toArray(),
    inbox.batches
      .find({ state: { $in: ["pending", "failed"] }, ...scope }, { projection: WITHOUT_PAYLOADS })
      .toArray(),
    inbox.arrivals.find(scope, { projection: WITHOUT_PAYLOADS }).toArray(),
  ]);
  const counts = { pending: 0, applied: appliedBatches[0]?.n ?? 0, failed: 0 };
  let oldestPendingAt: Date | null = null;
  const failed: SetAsideDelivery[] = [];
  for (const batch of [...arrived, ...open])
    batch.deliveries.forEach((entry, index) => {
      const state = deliveryState(batch, index);
      counts[state] += 1;
      if (state === "pending" && (!oldestPendingAt || entry.receivedAt < oldestPendingAt))
        oldestPendingAt = entry.receivedAt;
      const progress = progressOf(batch, index);
      if (state === "failed" && progress)
        failed.push({
          id: entry.id,
          event: entry.event,
          action: entry.action,
          installationId: batch.installationId,
          receivedAt: entry.receivedAt,
          attempts: progress.attempts,
          lastError: progress.lastError,
        });
    });
  failed.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  return { counts, oldestPendingAt, failed: failed.slice(0, options.failedLimit ?? 20) };
}
