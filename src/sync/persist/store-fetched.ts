import { derivePullRequests } from "../../convert/derive-pull-requests.js";
import type { FetchedPullRequest } from "../../github/index.js";
import type { RepoConfig } from "../../metrics/repo-config.js";
import type { Store } from "../../storage/store.js";
import { isRemoved, removalsOf } from "../../webhooks/persist/access.js";
import { purgeRemoved } from "../../webhooks/persist/installations.js";
import { upsertNewer } from "./bulk-upsert.js";
import { deleteVanishedRecords, upsertRelatedRecords } from "./related-records.js";

export interface StoreOutcome {
  /** PRs whose fetched state is now the stored one (and `dataComplete`). */
  written: number[];
  /** PRs a webhook had already stored in a newer state: their records were merged in, the PR kept. */
  stale: number[];
  /** The repository (or its installation) left the app: nothing was stored, nor will later pages be. */
  removed: boolean;
}

type RepoKey = { installationId: number; repoId: number };

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
  repo: RepoKey,
  items: readonly FetchedPullRequest[],
  config: RepoConfig,
): Promise<StoreOutcome> {
  await upsertRelatedRecords(store, items);
  const numbers = items.map((item) => item.pr.number);
  const existing = await store.pullRequests
    .find({ ...repo, number: { $in: numbers } }, { number: 1, updatedAt: 1 })
    .lean();
  const versions = new Map(
    existing.map((pr) => [pr.number, { version: pr.updatedAt, guarded: false, id: pr._id }]),
  );
  const { stale: staleIndexes } = await upsertNewer(
    store.pullRequests,
    items.map((item) => ({
      key: { ...repo, number: item.pr.number },
      update: { $set: { ...item.pr, ...item.draft, dataComplete: true, dataNotes: item.notes } },
      versionField: "updatedAt",
      version: item.pr.updatedAt,
    })),
    (op) => versions.get(Number(op.key.number)),
    // The same version is written again: this fetch adds what a webhook lacks (dataComplete, lists).
    { rewriteEqual: true },
  );
  const fresh = items.filter((_, index) => !staleIndexes.has(index));
  const stale = items.filter((_, index) => staleIndexes.has(index));
  await deleteVanishedRecords(store, fresh);
  await recordDraftHistory(store, stale);
  await refreshDerivedFields(store, repo, numbers, config);
  return {
    written: fresh.map((item) => item.pr.number),
    stale: stale.map((item) => item.pr.number),
    removed: false,
  };
}

/**
 * The timeline tells the draft history whatever order it is learnt in, so it applies to PRs a newer
 * delivery kept too (first ready-for-review wins, as in webhooks' savePullRequest).
 */
async function recordDraftHistory(store: Store, items: readonly FetchedPullRequest[]): Promise<void> {
  if (items.length === 0) return;
  await store.pullRequests.bulkWrite(
    items.flatMap(({ pr, draft }) => {
      const key = { installationId: pr.installationId, repoId: pr.repoId, number: pr.number };
      const at = draft.firstReadyForReviewAt;
      return [
        { updateOne: { filter: key, update: { $set: { openedAsDraft: draft.openedAsDraft } } } },
        ...(at
          ? [
              {
                updateOne: {
                  filter: {
                    ...key,
                    $or: [{ firstReadyForReviewAt: null }, { firstReadyForReviewAt: { $gt: at } }],
                  },
                  update: { $set: { firstReadyForReviewAt: at } },
                },
              },
            ]
          : []),
      ];
    }),
    { ordered: false },
  );
}

/** The convert step for a batch: one read per kind of record (derivePullRequests) and one bulk write. */
async function refreshDerivedFields(
  store: Store,
  repo: RepoKey,
  numbers: readonly number[],
  config: RepoConfig,
): Promise<void> {
  const prs = await store.pullRequests.find({ ...repo, number: { $in: numbers } }).lean();
  const derived = await derivePullRequests(store, repo, prs, config);
  await store.pullRequests.bulkWrite(
    prs.map((pr, index) => ({
      updateOne: { filter: { ...repo, number: pr.number }, update: { $set: derived[index] } },
    })),
    { ordered: false },
  );
}
