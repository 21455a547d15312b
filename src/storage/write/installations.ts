import type { InstallationRecord, RepositoryFields } from "../../records/types.js";
import { mergeInstallationWeeks } from "../rollups/merge-installation-weeks.js";
import { removeDeploymentWeeks } from "../deployment-weeks/remove.js";
import { installationScopedModels, type Store } from "../store.js";
import { isRemoved, recordAccess, removalsOf } from "./access.js";
import { upsertWithRetry } from "./upsert-if-newer.js";

/** Every per-installation collection has these two keys; the structural type spans their models. */
interface ScopedModel {
  deleteMany(filter: { installationId: number; repoId?: { $in: number[] } }): { exec(): Promise<unknown> };
}

function deleteEverywhere(store: Store, filter: Parameters<ScopedModel["deleteMany"]>[0]) {
  // Rollups too: derived from the records, they must go with them (a week left would still be counted).
  const models: ScopedModel[] = [...installationScopedModels(store), store.rollups, store.rollupSlices];
  // An installation's weeks span its repositories: they go with it, or are added up again without some.
  const installationWide =
    filter.repoId === undefined
      ? [store.weekRollups.deleteMany(filter).exec(), store.weekSlices.deleteMany(filter).exec()]
      : [];
  return Promise.all([
    ...models.map((model) => model.deleteMany(filter).exec()),
    ...installationWide,
    removeDeploymentWeeks(store, filter),
  ]);
}

/** Stores the installation unless it was deleted: then it is a late delivery. Returns whether stored. */
export async function saveInstallation(store: Store, record: InstallationRecord): Promise<boolean> {
  const { installationId } = record;
  if ((await removalsOf(store, installationId, [])).installation) return false;
  await upsertWithRetry(() =>
    store.installations.updateOne({ installationId }, { $set: record }, { upsert: true }).exec(),
  );
  return true;
}

/**
 * The privacy promise: an uninstalled app keeps nothing of that installation, and only of that one,
 * but the fact of the deletion, so its late deliveries store nothing. Recorded before the data goes, so
 * a delivery being stored meanwhile finds it when it checks again (`purgeRemoved`).
 */
export async function deleteInstallation(store: Store, installationId: number): Promise<void> {
  await recordAccess(store, { installationId, repoId: null }, true, null);
  await store.accessChanges.deleteMany({ installationId, repoId: { $ne: null } });
  await deleteEverywhere(store, { installationId });
  // Its API tokens could only read nothing now; a reinstall should start with no old keys around.
  await store.apiTokens.deleteMany({ installationId });
  // Raw deliveries hold the installation's private titles and bodies too.
  await store.inbox.deleteMany({ installationId });
  await store.inboxArrivals.deleteMany({ installationId });
  await store.installations.deleteOne({ installationId });
}

/**
 * Tracks the repository; a new one starts `pending` so the sync engine backfills it. Its name is
 * versioned by `nameVersion`, so a delivery from before a rename cannot restore the old name (an
 * undated one only names a repository whose name is undated too). Returns the name now stored, or null
 * for a repository removed from the app: only an add lifts that, and the delivery is a late one.
 */
export async function ensureRepository(store: Store, repository: RepositoryFields): Promise<string | null> {
  const { installationId, repoId, fullName, nameVersion = null } = repository;
  if (isRemoved(await removalsOf(store, installationId, [repoId]))) return null;
  const key = { installationId, repoId };
  const notNewer =
    nameVersion === null
      ? { nameVersion: null }
      : { $or: [{ nameVersion: null }, { nameVersion: { $lte: nameVersion } }] };
  // The name before the write (null: inserted), to carry a rename over to the stored PRs.
  const before = { name: null as string | null };
  const written = await upsertWithRetry(async () => {
    const previous = await store.repositories
      .findOneAndUpdate(
        { ...key, ...notNewer },
        { $set: { fullName, private: repository.private, nameVersion } },
        { upsert: true, returnDocument: "before", projection: { fullName: 1 } },
      )
      .lean();
    before.name = previous?.fullName ?? null;
  });
  if (!written) return (await store.repositories.findOne(key, { fullName: 1 }).lean())?.fullName ?? null;
  if (before.name !== null && before.name !== fullName) {
    // PRs carry the name the API looks them up by.
    await store.pullRequests.updateMany({ ...key, repo: { $ne: fullName } }, { $set: { repo: fullName } });
  }
  return fullName;
}

/** Deletes every record of these repositories; record their removal first (see `deleteInstallation`). */
export async function removeRepositories(
  store: Store,
  installationId: number,
  repoIds: readonly number[],
): Promise<void> {
  if (repoIds.length === 0) return;
  const filter = { installationId, repoId: { $in: [...repoIds] } };
  const weeks = await store.rollups.find(filter, { _id: 0, week: 1 }).lean();
  await deleteEverywhere(store, filter);
  await mergeInstallationWeeks(
    store,
    installationId,
    weeks.map(({ week }) => week.getTime()),
  );
}

/**
 * After storing a delivery's records: a removal applied since the delivery checked wins, and its data
 * goes again. Removals are recorded before their data is deleted, so one of the two always sees the other.
 */
export async function purgeRemoved(store: Store, installationId: number, repoIds: readonly number[]) {
  const removals = await removalsOf(store, installationId, repoIds);
  if (!removals.installation) return removeRepositories(store, installationId, removals.repoIds);
  await deleteEverywhere(store, { installationId });
  await store.installations.deleteOne({ installationId });
}
