import { inboxStorage, summarizeInbox } from "../storage/inbox/index.js";
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

/**
 * The figures `mergelens inbox` shows, for every installation or one: read through the inbox's own
 * summary, so the two commands always agree, however the inbox stores its deliveries.
 */
export async function getInboxStatus(store: Store, now: Date, installationId?: number): Promise<InboxStatus> {
  const summary = await summarizeInbox(inboxStorage(store), { installationId, failedLimit: 1 });
  const oldest = summary.oldestPendingAt;
  return {
    pending: summary.counts.pending,
    oldestPendingAt: oldest?.toISOString() ?? null,
    oldestPendingAgeSeconds: oldest
      ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000))
      : null,
    setAside: summary.counts.failed,
  };
}
