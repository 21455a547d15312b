import type { SyncStatus } from "../records/types.js";
import { countPullRequests } from "../storage/rollups/count-pull-requests.js";
import type { Store } from "../storage/store.js";

export interface RepoSyncStatus {
  repo: string;
  status: SyncStatus;
  lastSyncAt: string | null;
  lastError: string | null;
  prsStored: number;
}

export const SYNC_STATUS_COLUMNS = ["repo", "status", "lastSyncAt", "lastError", "prsStored"] as const;

/** Each repository the installation tracks, with how far its sync got and how many PRs are stored (derived). */
export async function getSyncStatus(
  store: Store,
  installationId: number,
): Promise<{ repos: RepoSyncStatus[] }> {
  const repositories = await store.repositories
    .find(
      { installationId },
      { _id: 0, repoId: 1, fullName: 1, syncStatus: 1, lastSyncAt: 1, lastSyncError: 1 },
    )
    .sort({ fullName: 1 })
    .lean();
  const stored = await countPullRequests(store, installationId);
  return {
    repos: repositories.map((repository) => ({
      repo: repository.fullName,
      status: repository.syncStatus,
      lastSyncAt: repository.lastSyncAt ? repository.lastSyncAt.toISOString() : null,
      lastError: repository.lastSyncError,
      prsStored: stored.get(repository.repoId) ?? 0,
    })),
  };
}
