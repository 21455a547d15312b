import type { InstallationRepository } from "../github/index.js";
import type { Store } from "../storage/store.js";
import { liftListedRemoval, recordListedRemoval } from "../storage/write/access.js";
import { ensureRepository, removeRepositories } from "../storage/write/installations.js";

/**
 * Makes the tracked repositories those GitHub lists for the installation, as the
 * `installation_repositories` webhooks would have (in case a delivery was lost): new ones are tracked
 * (`pending`, so the sync backfills them), renamed ones renamed, removed ones deleted with their records.
 * `listedAt` is when the list was read (before the request): an add, removal or rename delivered since
 * is newer than the list and wins over it.
 */
export async function reconcileRepositories(
  store: Store,
  installationId: number,
  listed: readonly InstallationRepository[],
  listedAt: Date,
): Promise<{ added: number[]; removed: number[] }> {
  const tracked = await store.repositories.find({ installationId }, { repoId: 1, fullName: 1 }).lean();
  const names = new Map(tracked.map((repo) => [repo.repoId, repo.fullName]));
  const listedIds = new Set(listed.map((repo) => repo.repoId));
  // A removal whose delivery was lost (or came before the repository was added back) lifts here.
  const removals = await store.accessChanges.find({ installationId, removed: true }, { repoId: 1 }).lean();
  for (const { repoId } of removals) {
    if (repoId !== null && listedIds.has(repoId))
      await liftListedRemoval(store, { installationId, repoId }, listedAt);
  }
  const added: number[] = [];
  for (const repo of listed) {
    if (names.get(repo.repoId) === repo.fullName) continue;
    // Dated by the list: a delivery naming the repository since (a newer rename) keeps its name.
    if ((await ensureRepository(store, { ...repo, nameVersion: listedAt })) === null) continue;
    if (!names.has(repo.repoId)) added.push(repo.repoId);
  }
  const removed: number[] = [];
  for (const { repoId } of tracked) {
    if (listedIds.has(repoId)) continue;
    if (await recordListedRemoval(store, { installationId, repoId }, listedAt)) removed.push(repoId);
  }
  await removeRepositories(store, installationId, removed);
  return { added, removed };
}
