import type { Collection } from "mongodb";
import type { InboxDelivery, InboxState } from "../models/inbox-delivery.js";

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
  counts: Record<InboxState, number>;
  /** Oldest pending delivery's arrival: how far behind the workers are. */
  oldestPendingAt: Date | null;
  failed: SetAsideDelivery[];
}

/** What `mergelens inbox` and `sync status` show: the backlog and the deliveries set aside. */
export async function summarizeInbox(
  collection: Collection<InboxDelivery>,
  options: { installationId?: number; failedLimit?: number } = {},
): Promise<InboxSummary> {
  const scope = options.installationId === undefined ? {} : { installationId: options.installationId };
  const count = (state: InboxState) => collection.countDocuments({ state, ...scope });
  const [pending, applied, failed, oldest, setAside] = await Promise.all([
    count("pending"),
    count("applied"),
    count("failed"),
    collection
      .find({ state: "pending", ...scope }, { projection: { receivedAt: 1 } })
      .sort({ availableAt: 1 })
      .limit(1)
      .toArray(),
    collection
      .find({ state: "failed", ...scope }, { projection: { payload: 0 } })
      .sort({ availableAt: 1 })
      .limit(options.failedLimit ?? 20)
      .toArray(),
  ]);
  return {
    counts: { pending, applied, failed },
    oldestPendingAt: oldest[0]?.receivedAt ?? null,
    failed: setAside.map((doc) => ({
      id: doc._id,
      event: doc.event,
      action: doc.action,
      installationId: doc.installationId,
      receivedAt: doc.receivedAt,
      attempts: doc.attempts,
      lastError: doc.lastError,
    })),
  };
}
