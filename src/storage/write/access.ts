import type { Store } from "../store.js";
import { upsertWithRetry } from "./upsert-if-newer.js";

/** A repository of an installation, or (`repoId` null) the installation as a whole. */
export interface AccessKey {
  installationId: number;
  repoId: number | null;
}

/** The stored change, unless the filter refuses it: then the upsert meets it as a duplicate key. */
function apply(store: Store, filter: Record<string, unknown>, removed: boolean, version: Date | null) {
  return upsertWithRetry(() =>
    store.accessChanges
      .updateOne(filter, { $set: { removed, version, changedAt: new Date() } }, { upsert: true })
      .exec(),
  );
}

/**
 * An add or removal a delivery tells, dated by GitHub's `installation.updated_at` (null: undated). It
 * loses only to a stored change dated later, so a late add cannot undo a removal made after it, nor a
 * late removal a re-add; same date or undated, the later arrival wins. Returns whether it applied.
 */
export function recordAccess(store: Store, key: AccessKey, removed: boolean, version: Date | null) {
  const notNewer = version === null ? {} : { $or: [{ version: null }, { version: { $lte: version } }] };
  return apply(store, { ...key, ...notNewer }, removed, version);
}

/**
 * A removal the sync read off GitHub's list of the installation's repositories at `listedAt`. A change
 * applied since the list was read is newer than the list, so it wins. Returns whether it applied.
 */
export function recordListedRemoval(store: Store, key: AccessKey, listedAt: Date) {
  return apply(store, { ...key, changedAt: { $lt: listedAt } }, true, listedAt);
}

/** A repository GitHub's list (read at `listedAt`) shows again after a removal applied before that. */
export async function liftListedRemoval(store: Store, key: AccessKey, listedAt: Date): Promise<void> {
  await store.accessChanges.updateOne(
    { ...key, removed: true, changedAt: { $lt: listedAt } },
    { $set: { removed: false, version: listedAt, changedAt: new Date() } },
  );
}

export interface Removals {
  /** The installation was deleted from the app. */
  installation: boolean;
  /** Of the repositories asked about, those removed from it. */
  repoIds: number[];
}

/** One read: whether the installation, or which of these repositories, the app no longer has. */
export async function removalsOf(
  store: Store,
  installationId: number,
  repoIds: readonly number[],
): Promise<Removals> {
  // `removed` is checked here, not in the filter: a field outside the index made the embedded server
  // scan the collection, and this read runs for every delivery and sync page.
  const removals = (
    await store.accessChanges
      .find({ installationId, repoId: { $in: [null, ...repoIds] } }, { repoId: 1, removed: 1 })
      .lean()
  ).filter((change) => change.removed);
  return {
    installation: removals.some((removal) => removal.repoId === null),
    repoIds: removals.flatMap((removal) => (removal.repoId === null ? [] : [removal.repoId])),
  };
}

export const isRemoved = (removals: Removals) => removals.installation || removals.repoIds.length > 0;
