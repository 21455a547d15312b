import type { BackfillState } from "../storage/models/repository.js";
import type { Store } from "../storage/store.js";

/** A tracked repository's key. */
interface RepoRef {
  installationId: number;
  repoId: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const GONE_MESSAGE = "repository no longer accessible";

const key = (ref: RepoRef) => ({ installationId: ref.installationId, repoId: ref.repoId });

export function findRepository(store: Store, ref: RepoRef) {
  return store.repositories.findOne(key(ref)).lean();
}

/** `owner/name` → the two parts GitHub's APIs take. */
export function splitFullName(fullName: string): { owner: string; name: string } {
  const [owner, name] = fullName.split("/");
  return { owner, name };
}

export async function markSyncing(store: Store, ref: RepoRef): Promise<void> {
  await store.repositories.updateOne(key(ref), { $set: { syncStatus: "syncing" } });
}

/** `startedAt` becomes the next incremental sync's starting point (never moved back). */
export async function markSynced(store: Store, ref: RepoRef, startedAt: Date, at: Date): Promise<void> {
  await store.repositories.updateOne(key(ref), {
    $set: { syncStatus: "complete", lastSyncAt: at, lastSyncError: null },
    $max: { lastSyncStartedAt: startedAt },
  });
}

export async function markSyncFailed(store: Store, ref: RepoRef, message: string): Promise<void> {
  await store.repositories.updateOne(key(ref), { $set: { syncStatus: "error", lastSyncError: message } });
}

/**
 * The backfill to run: the unfinished one of the same length (resumed from its checkpoint, with its
 * original `since`, so nothing is skipped), else a new one starting now.
 */
export async function beginBackfill(
  store: Store,
  ref: RepoRef,
  days: number,
  now: Date,
): Promise<BackfillState> {
  const current = (await store.repositories.findOne(key(ref), { backfill: 1 }).lean())?.backfill;
  if (current && current.completedAt === null && current.days === days) {
    await markSyncing(store, ref);
    return current;
  }
  const backfill: BackfillState = {
    days,
    since: new Date(now.getTime() - days * DAY_MS),
    startedAt: now,
    completedAt: null,
    cursor: null,
    pageSize: null,
    pagesDone: 0,
    prsStored: 0,
    progress: 0,
  };
  await store.repositories.updateOne(key(ref), { $set: { backfill, syncStatus: "syncing" } });
  return backfill;
}

/** The checkpoint after a stored page: a killed worker resumes from here. */
export async function saveBackfillPage(store: Store, ref: RepoRef, state: BackfillState): Promise<void> {
  await store.repositories.updateOne(key(ref), { $set: { backfill: state } });
}

export async function completeBackfill(
  store: Store,
  ref: RepoRef,
  state: BackfillState,
  at: Date,
): Promise<void> {
  await store.repositories.updateOne(key(ref), {
    $set: {
      backfill: { ...state, cursor: null, completedAt: at, progress: 100 },
      syncStatus: "complete",
      lastSyncAt: at,
      lastSyncError: null,
    },
    // PRs that moved up the list while the backfill paged are newer than its start: the next sync gets them.
    $max: { lastSyncStartedAt: state.startedAt },
  });
}
