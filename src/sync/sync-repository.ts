import { DEFAULT_PAGE_SIZE, fetchPullRequestsPage, type GitHubClient } from "../github/index.js";
import type { RepositoryDocument } from "../storage/models/repository.js";
import type { JobRun, SyncDeps } from "./job-context.js";
import { storeFetchedPullRequests } from "./persist/store-fetched.js";
import { repoConfigFor } from "./repo-config.js";
import { STATUS_LOOKBACK_MS, syncDeployments } from "./sync-deployments.js";
import { markSynced, markSyncing, splitFullName } from "./repository-state.js";

/** Clock skew between us and GitHub, and PRs updated while the last sync was paging. */
const SYNC_OVERLAP_MS = 10 * 60_000;
/**
 * A query's points follow the page size asked for, not the PRs returned; most repositories have few
 * or no updates since the last sync, so the first page is small (~3 points instead of ~21).
 */
const PROBE_PAGE_SIZE = 5;
/** PRs still lacking complete data after the sync get a complete-pull-request job each, up to this many. */
const MAX_COMPLETIONS_PER_SYNC = 500;

/**
 * Every PR of the repository updated since its last successful sync started (minus an overlap), in
 * every state: closed and merged ones included; then the deployments created or given a status since. Marks the repository syncing, then complete.
 */
export async function syncRepository(
  run: JobRun<unknown>,
  deps: SyncDeps,
  client: GitHubClient,
  repo: RepositoryDocument & { backfill: { startedAt: Date } },
): Promise<void> {
  const ref = { installationId: repo.installationId, repoId: repo.repoId };
  const startedAt = deps.now();
  const from = repo.lastSyncStartedAt ?? repo.backfill.startedAt;
  const since = new Date(from.getTime() - SYNC_OVERLAP_MS);
  const { owner, name } = splitFullName(repo.fullName);
  await markSyncing(deps.store, ref);
  const config = await repoConfigFor(deps, client, repo);
  let cursor: string | null = null;
  const size = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const probe = Math.min(PROBE_PAGE_SIZE, size);
  let pageSize = probe;
  for (;;) {
    const page = await fetchPullRequestsPage(client, {
      repoId: repo.repoId,
      owner,
      repo: name,
      cursor,
      pageSize,
      updatedSince: since,
    });
    const stored = await storeFetchedPullRequests(deps.store, page.items, config);
    // A repository removed from the app mid-sync: its data is purged, the rest of its pages moot.
    if (stored.removed) return;
    await run.checkpoint();
    if (!page.hasNextPage) break;
    cursor = page.nextCursor;
    pageSize = pageSize === probe ? size : page.pageSize;
  }
  const window = { createdSince: new Date(since.getTime() - STATUS_LOOKBACK_MS), changedSince: since };
  const deployed = await syncDeployments(deps.store, client, repo, window, () => run.checkpoint());
  if (deployed.removed) return;
  await markSynced(deps.store, ref, startedAt, deps.now());
  await enqueueIncomplete(deps, ref);
}

/** PRs a webhook stored but no fetch completed (e.g. a newer delivery won the race): complete them. */
async function enqueueIncomplete(deps: SyncDeps, ref: { installationId: number; repoId: number }) {
  const incomplete = await deps.store.pullRequests
    .find({ ...ref, dataComplete: false }, { number: 1 })
    .limit(MAX_COMPLETIONS_PER_SYNC)
    .lean();
  for (const { number } of incomplete) await deps.enqueue("complete-pull-request", { ...ref, number });
}
