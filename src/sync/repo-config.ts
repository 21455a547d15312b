import { getRepoConfig } from "../convert/repo-config-cache.js";
import type { GitHubClient } from "../github/index.js";
import type { RepoConfig } from "../metrics/repo-config.js";
import type { SyncDeps } from "./job-context.js";

/** The repository's effective `.github/mergelens.yml` (cached; fetched with the job's client on a miss). */
export function repoConfigFor(
  deps: SyncDeps,
  client: GitHubClient,
  repo: { installationId: number; repoId: number; fullName: string },
): Promise<RepoConfig> {
  const { installationId, repoId, fullName } = repo;
  return getRepoConfig(
    {
      store: deps.store,
      load: () => deps.loadRepoConfig(client.octokit, fullName),
      report: (error) =>
        deps.reportError(new Error(`${fullName}: ${error}; the default metric rules apply`), {
          installationId,
          repoId,
          repo: fullName,
        }),
    },
    { installationId, repoId },
  );
}
