import { fetchDeploymentsPage, type GitHubClient } from "../github/index.js";
import type { Store } from "../storage/store.js";
import { writeDeployments } from "../storage/write/deployments.js";
import { splitFullName } from "./repository-state.js";

/**
 * How long after its creation a deployment's new status is still looked for by the incremental sync.
 * GitHub orders deployments only by creation, so a status added to an older deployment (a later
 * failure, a retried rollout) is found by reading back this far; a week of deployments is one page
 * (1 point) for most repositories.
 */
export const STATUS_LOOKBACK_MS = 7 * 24 * 3_600_000;

export interface DeploymentWindow {
  /** Deployments created before this are not read (the pages are newest created first). */
  createdSince: Date;
  /** Of those read, only deployments GitHub changed (a status added moves updatedAt) since this are stored. */
  changedSince: Date;
}

export interface DeploymentsSynced {
  stored: number;
  /** The repository (or its installation) left the app meanwhile: nothing more is stored. */
  removed: boolean;
}

/**
 * A repository's deployments with every status, through GraphQL pages of 100, stored through the one
 * deployment write policy (idempotent, never over newer data). `checkpoint` runs after each page.
 */
export async function syncDeployments(
  store: Store,
  client: GitHubClient,
  repo: { repoId: number; fullName: string },
  window: DeploymentWindow,
  checkpoint: () => Promise<void>,
): Promise<DeploymentsSynced> {
  const { owner, name } = splitFullName(repo.fullName);
  let cursor: string | null = null;
  let stored = 0;
  for (;;) {
    const page = await fetchDeploymentsPage(client, { repoId: repo.repoId, owner, repo: name, cursor });
    const inWindow = page.items.filter((deployment) => deployment.createdAt >= window.createdSince);
    const changed = inWindow.filter((deployment) => deployment.updatedAt >= window.changedSince);
    const outcome = await writeDeployments(store, changed);
    if (outcome.refused > 0) return { stored, removed: true };
    stored += changed.length;
    await checkpoint();
    if (!page.hasNextPage || inWindow.length < page.items.length) return { stored, removed: false };
    cursor = page.nextCursor;
  }
}
