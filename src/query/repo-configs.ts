import { readCachedRepoConfig } from "../convert/repo-config-cache.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../metrics/repo-config.js";
import type { Store } from "../storage/store.js";

/**
 * Each repository's effective `.github/mergelens.yml` rules (its `bots:`, its production environment),
 * as cached by the convert step; METRICS.md's defaults where the file was never fetched.
 */
export async function repoConfigs(
  store: Store,
  installationId: number,
  repoIds: Iterable<number>,
): Promise<Map<number, RepoConfig>> {
  const unique = [...new Set(repoIds)];
  const configs = await Promise.all(
    unique.map(
      async (repoId) =>
        (await readCachedRepoConfig(store, { installationId, repoId })) ?? DEFAULT_REPO_CONFIG,
    ),
  );
  return new Map(unique.map((repoId, i) => [repoId, configs[i]]));
}

export const configOf = (configs: Map<number, RepoConfig>, repoId: number): RepoConfig =>
  configs.get(repoId) ?? DEFAULT_REPO_CONFIG;
