import { REPO_CONFIG_PATH } from "../../convert/load-repo-config.js";
import { forgetRepoConfig, refetchRepoConfig } from "../../convert/repo-config-cache.js";
import type { WebhookDeps } from "../deps.js";
import type { PushEvent } from "../schemas/push.js";
import { repoConfigSource } from "../apply/config-source.js";
import { needsCompletion } from "../needs-completion.js";
import { requestCompletion } from "./run-hook.js";
import { withTrackedRepository } from "./tracked-repository.js";

/**
 * Whether the push may have changed `.github/mergelens.yml` on the default branch. A forced push can
 * drop a commit that changed it without listing that commit, so it counts too (one cheap refetch).
 */
export function mayChangeRepoConfig(payload: PushEvent): boolean {
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return false;
  if (payload.forced) return true;
  return payload.commits.some((commit) =>
    [commit.added, commit.modified, commit.removed].some((paths) => paths?.includes(REPO_CONFIG_PATH)),
  );
}

/**
 * Refetches the config the push may have changed; a real change recomputes the repository's PRs. A forced
 * push also queues a completion of the open PRs on that branch (their old commits are gone).
 */
export async function handlePush(deps: WebhookDeps, payload: PushEvent, deliveryId: string): Promise<void> {
  const completion = needsCompletion("push", undefined, payload);
  const configMayChange = mayChangeRepoConfig(payload);
  if (!completion && !configMayChange) return;
  await withTrackedRepository(deps, payload, async (repository) => {
    await requestCompletion(deps, deliveryId, completion);
    if (!configMayChange) return;
    const source = repoConfigSource(deps, repository);
    const { changed } = await refetchRepoConfig(source, repository);
    if (!changed) return;
    const ref = { installationId: repository.installationId, repoId: repository.repoId };
    try {
      await deps.onRepoConfigChanged(ref);
    } catch (error) {
      // The cache already holds the new config: forget it, so the redelivery sees the change again.
      await forgetRepoConfig(deps.store, ref);
      throw error;
    }
  });
}
