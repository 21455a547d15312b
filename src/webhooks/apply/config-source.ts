import type { RepoConfigSource } from "../../convert/repo-config-cache.js";
import type { RepositoryKey } from "../../records/types.js";
import type { WebhookDeps } from "../deps.js";

/** A repository as the stored name gives it. */
export type NamedRepository = RepositoryKey & { fullName: string };

/** The repository's config cache, loading through its installation's octokit on a miss. */
export function repoConfigSource(deps: WebhookDeps, repo: NamedRepository): RepoConfigSource {
  return {
    store: deps.store,
    load: async () => deps.loadRepoConfig(await deps.octokitFor(repo.installationId), repo.fullName),
    // The reporter logs and sends to Sentry; the cache calls it once per distinct problem.
    report: (error) =>
      deps.reportError(new Error(`${repo.fullName}: ${error}; the default metric rules apply`), {
        installationId: repo.installationId,
        repoId: repo.repoId,
        repo: repo.fullName,
      }),
  };
}
