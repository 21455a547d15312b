import { inboxCollection, summarizeInbox } from "../storage/inbox/index.js";
import type { Store } from "../storage/store.js";

/** The webhook inbox's line in `sync status` and `GET /api/v1/sync`: how far behind the workers are. */
export interface InboxStatus {
  /** Deliveries stored but not applied yet. */
  pending: number;
  /** When the oldest of them arrived (ISO 8601), null when none is pending. */
  oldestPendingAt: string | null;
  /** Its age in whole seconds at the time of the answer. */
  oldestPendingAgeSeconds: number | null;
  /** Deliveries set aside after their last try (`mergelens inbox` lists them, `replay` retries them). */
  setAside: number;
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

function status(pending: number, oldest: Date | null, setAside: number, now: Date): InboxStatus {
  return {
    pending,
    oldestPendingAt: oldest?.toISOString() ?? null,
    oldestPendingAgeSeconds: oldest ? seconds(oldest, now) : null,
    setAside,
  };
}

/**
 * The figures `mergelens inbox` shows, for every installation or one. One installation's are read on
 * the `{state, availableAt}` index alone and picked out here: the embedded server scans the whole
 * inbox (applied deliveries included) for a filter that also names `installationId`, and only pending
 * and set-aside deliveries are read, which a worker keeps few.
 */
export async function getInboxStatus(store: Store, now: Date, installationId?: number): Promise<InboxStatus> {
  const inbox = inboxCollection(store);
  if (installationId === undefined) {
    const summary = await summarizeInbox(inbox, { failedLimit: 1 });
    return status(summary.counts.pending, summary.oldestPendingAt, summary.counts.failed, now);
  }
  const projection = { _id: 0, installationId: 1, receivedAt: 1, availableAt: 1 };
  const [pending, failed] = await Promise.all([
    inbox.find({ state: "pending" }, { projection }).sort({ availableAt: 1 }).toArray(),
    inbox.find({ state: "failed" }, { projection }).toArray(),
  ]);
  const mine = pending.filter((delivery) => delivery.installationId === installationId);
  const setAside = failed.filter((delivery) => delivery.installationId === installationId).length;
  // As `mergelens inbox`: the arrival of the first pending delivery in the order workers take them.
  return status(mine.length, mine[0]?.receivedAt ?? null, setAside, now);
}
