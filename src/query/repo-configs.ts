import { configOfCache } from "../convert/repo-config-cache.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../metrics/repo-config.js";
import type { Store } from "../storage/store.js";

/**
 * Each repository's effective `.github/mergelens.yml` rules (its `bots:`, its production environment),
 * as cached by the convert step; METRICS.md's defaults where the file was never fetched. One read for
 * them all: the installation and a `$in` of ids on the repositories' key.
 */
export async function repoConfigs(
  store: Store,
  installationId: number,
  repoIds: Iterable<number>,
): Promise<Map<number, RepoConfig>> {
  const unique = [...new Set(repoIds)];
  if (unique.length === 0) return new Map();
  const cached = await store.repositories
    .find({ installationId, repoId: { $in: unique } }, { _id: 0, repoId: 1, config: 1, configFetchedAt: 1 })
    .lean();
  const byId = new Map(cached.map((repository) => [repository.repoId, configOfCache(repository)]));
  return new Map(unique.map((repoId) => [repoId, byId.get(repoId) ?? DEFAULT_REPO_CONFIG]));
}

export const configOf = (configs: Map<number, RepoConfig>, repoId: number): RepoConfig =>
  configs.get(repoId) ?? DEFAULT_REPO_CONFIG;
