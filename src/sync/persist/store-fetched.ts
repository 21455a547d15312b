import { refreshPullRequests } from "../../convert/refresh-pull-requests.js";
import type { FetchedPullRequest } from "../../github/index.js";
import type { RepoConfig } from "../../metrics/repo-config.js";
import type { Store } from "../../storage/store.js";
import { isRemoved, removalsOf } from "../../storage/write/access.js";
import { purgeRemoved } from "../../storage/write/installations.js";
import { recordDraftHistory } from "../../storage/write/draft-history.js";
import { writePullRequests } from "../../storage/write/pull-requests.js";
import { deleteVanishedRecords, upsertRelatedRecords } from "./related-records.js";
import type { RepositoryKey } from "../../records/types.js";

export interface StoreOutcome {
  /** PRs whose fetched state is now the stored one (and `dataComplete`). */
  written: number[];
  /** PRs a webhook had already stored in a newer state: their records were merged in, the PR kept. */
  stale: number[];
  /** The repository (or its installation) left the app: nothing was stored, nor will later pages be. */
  removed: boolean;
}

/**
 * Stores complete pull requests of one repository (a sync page, or one PR) in a handful of round trips,
 * then recomputes their derived fields. Related records go first and `dataComplete` after them, so a
 * worker killed halfway never leaves a PR marked complete without its records; a rerun is idempotent.
 * Nothing is stored for a repository removed from the app (an empty outcome).
 */
export async function storeFetchedPullRequests(
  store: Store,
  items: readonly FetchedPullRequest[],
  config: RepoConfig,
): Promise<StoreOutcome> {
  if (items.length === 0) return { written: [], stale: [], removed: false };
  const repo = { installationId: items[0].pr.installationId, repoId: items[0].pr.repoId };
  if (items.some((item) => item.pr.installationId !== repo.installationId || item.pr.repoId !== repo.repoId))
    throw new Error("storeFetchedPullRequests takes the pull requests of one repository");

  // A page fetched before the repository was removed from the app must not bring its data back.
  if (isRemoved(await removalsOf(store, repo.installationId, [repo.repoId])))
    return { written: [], stale: [], removed: true };
  // The stored name, which is versioned: the job read it before a rename that may have landed since.
  const named = await store.repositories.findOne(repo, { fullName: 1 }).lean();
  const current = named
    ? items.map((item) => ({ ...item, pr: { ...item.pr, repo: named.fullName } }))
    : items;
  try {
    return await storePage(store, repo, current, config);
  } finally {
    await purgeRemoved(store, repo.installationId, [repo.repoId]);
  }
}

/** The writes of `storeFetchedPullRequests`, for a repository still in the app. */
async function storePage(
  store: Store,
  repo: RepositoryKey,
  items: readonly FetchedPullRequest[],
  config: RepoConfig,
): Promise<StoreOutcome> {
  await upsertRelatedRecords(store, items);
  // The same version is written again: this fetch adds what a webhook lacks (dataComplete, lists).
  const staleNumbers = await writePullRequests(
    store,
    repo,
    items.map((item) => ({
      record: item.pr,
      extra: { ...item.draft, dataComplete: true, dataNotes: item.notes },
    })),
    { rewriteEqual: true },
  );
  const fresh = items.filter((item) => !staleNumbers.has(item.pr.number));
  const stale = items.filter((item) => staleNumbers.has(item.pr.number));
  await deleteVanishedRecords(store, fresh);
  // The timeline tells the draft history whatever order it is learnt in: it applies to PRs a newer
  // delivery kept too.
  await recordDraftHistory(
    store,
    repo,
    new Map(
      stale.map(({ pr, draft }) => [
        pr.number,
        {
          openedAsDraft: draft.openedAsDraft ?? undefined,
          readyForReviewAt: draft.firstReadyForReviewAt ?? undefined,
        },
      ]),
    ),
  );
  await refreshPullRequests(
    store,
    repo,
    items.map((item) => item.pr.number),
    config,
  );
  return {
    written: fresh.map((item) => item.pr.number),
    stale: stale.map((item) => item.pr.number),
    removed: false,
  };
}
