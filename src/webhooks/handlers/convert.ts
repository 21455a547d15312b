import { refreshPullRequest } from "../../convert/refresh-pull-request.js";
import { getRepoConfig, type RepoConfigSource, type RepositoryRef } from "../../convert/repo-config-cache.js";
import type { WebhookDeps } from "../deps.js";
import type { EventContext } from "../validate.js";

/** A repository as a delivery names it. */
export type DeliveryRepository = RepositoryRef & { fullName: string };

/** The repository's config cache, loading through this delivery's installation octokit on a miss. */
export function repoConfigSource(
  deps: WebhookDeps,
  context: EventContext,
  repo: DeliveryRepository,
): RepoConfigSource {
  return {
    store: deps.store,
    load: () => deps.loadRepoConfig(context.octokit, repo.fullName),
    // The reporter logs and sends to Sentry; the cache calls it once per distinct problem.
    report: (error) =>
      deps.reportError(new Error(`${repo.fullName}: ${error}; the default metric rules apply`), {
        installationId: repo.installationId,
        repoId: repo.repoId,
        repo: repo.fullName,
      }),
  };
}

/**
 * The convert step after a delivery changed these PRs' records. A failure (GitHub unreachable for the
 * config, database down) fails the delivery, so its redelivery recomputes: records are stored idempotently.
 */
export async function refreshPullRequests(
  deps: WebhookDeps,
  context: EventContext,
  repo: DeliveryRepository,
  numbers: readonly number[],
): Promise<void> {
  if (numbers.length === 0) return;
  const config = await getRepoConfig(repoConfigSource(deps, context, repo), repo);
  for (const number of new Set(numbers)) {
    await refreshPullRequest(
      deps.store,
      { installationId: repo.installationId, repoId: repo.repoId, number },
      config,
    );
  }
}
