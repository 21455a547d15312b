import type { InstallationRepository } from "../github/index.js";
import type { Store } from "../storage/store.js";
import { ensureRepository, removeRepositories } from "../webhooks/persist/installations.js";

/**
 * Makes the tracked repositories those GitHub lists for the installation, as the
 * `installation_repositories` webhooks would have (in case a delivery was lost): new ones are tracked
 * (`pending`, so the sync backfills them), renamed ones renamed, removed ones deleted with their records.
 */
export async function reconcileRepositories(
  store: Store,
  installationId: number,
  listed: readonly InstallationRepository[],
): Promise<{ added: number[]; removed: number[] }> {
  const tracked = await store.repositories.find({ installationId }, { repoId: 1, fullName: 1 }).lean();
  const names = new Map(tracked.map((repo) => [repo.repoId, repo.fullName]));
  const added: number[] = [];
  for (const repo of listed) {
    if (names.get(repo.repoId) === repo.fullName) continue;
    if (!names.has(repo.repoId)) added.push(repo.repoId);
    await ensureRepository(store, repo);
  }
  const listedIds = new Set(listed.map((repo) => repo.repoId));
  const removed = tracked.map((repo) => repo.repoId).filter((repoId) => !listedIds.has(repoId));
  await removeRepositories(store, installationId, removed);
  return { added, removed };
}
