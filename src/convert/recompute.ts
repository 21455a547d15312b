import { DEFAULT_REPO_CONFIG } from "../metrics/repo-config.js";
import type { RepositoryKey } from "../records/types.js";
import { rebuildRepositoryDeploymentWeeks } from "../storage/deployment-weeks/rebuild.js";
import type { Store } from "../storage/store.js";
import { readCachedRepoConfig } from "./repo-config-cache.js";
import { refreshRepositoryPullRequests, type RefreshProgress } from "./refresh-repository.js";

export interface RecomputeTarget extends RepositoryKey {
  fullName: string;
}

export interface RecomputeProgress extends RefreshProgress {
  repo: RecomputeTarget;
  /** 1-based position of the repository among those recomputed. */
  index: number;
  repos: number;
}

/**
 * `mergelens recompute`: every PR of these repositories derived again from its stored records, with
 * each repository's cached `.github/mergelens.yml` (the defaults where it was never fetched), and every
 * rollup and deployment week rebuilt. Idempotent: a run cut short is simply run again. Returns the PRs recomputed.
 */
export async function recomputeRepositories(
  store: Store,
  targets: readonly RecomputeTarget[],
  onProgress: (progress: RecomputeProgress) => void,
): Promise<number> {
  let prs = 0;
  for (const [position, repo] of targets.entries()) {
    const key = { installationId: repo.installationId, repoId: repo.repoId };
    const config = (await readCachedRepoConfig(store, key)) ?? DEFAULT_REPO_CONFIG;
    const place = { repo, index: position + 1, repos: targets.length };
    let done = 0;
    onProgress({ ...place, done: 0, total: await store.pullRequests.countDocuments(key) });
    await refreshRepositoryPullRequests(store, key, config, (progress) => {
      done = progress.done;
      onProgress({ ...place, ...progress });
    });
    prs += done;
    await rebuildRepositoryDeploymentWeeks(store, key);
  }
  return prs;
}
