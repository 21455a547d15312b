import type { InstallationRecord } from "../../records/types.js";
import { installationScopedModels, type Store } from "../../storage/store.js";
import type { RepositoryFields } from "../extract/installation.js";
import { upsertWithRetry } from "./upsert-if-newer.js";

/** Every per-installation collection has these two keys; the structural type spans their models. */
interface ScopedModel {
  deleteMany(filter: { installationId: number; repoId?: { $in: number[] } }): { exec(): Promise<unknown> };
}

function deleteEverywhere(store: Store, filter: Parameters<ScopedModel["deleteMany"]>[0]) {
  const models: ScopedModel[] = installationScopedModels(store);
  return Promise.all(models.map((model) => model.deleteMany(filter).exec()));
}

export async function saveInstallation(store: Store, record: InstallationRecord): Promise<void> {
  await upsertWithRetry(() =>
    store.installations
      .updateOne({ installationId: record.installationId }, { $set: record }, { upsert: true })
      .exec(),
  );
}

/** The privacy promise: an uninstalled app keeps nothing of that installation, and only of that one. */
export async function deleteInstallation(store: Store, installationId: number): Promise<void> {
  await deleteEverywhere(store, { installationId });
  // Its API tokens could only read nothing now; a reinstall should start with no old keys around.
  await store.apiTokens.deleteMany({ installationId });
  await store.installations.deleteOne({ installationId });
}

/** Tracks the repository; a new one starts `pending` so the sync engine backfills it. */
export async function ensureRepository(store: Store, repository: RepositoryFields): Promise<void> {
  const { installationId, repoId, fullName } = repository;
  await upsertWithRetry(() =>
    store.repositories
      .updateOne(
        { installationId, repoId },
        { $set: { fullName, private: repository.private }, $setOnInsert: { syncStatus: "pending" } },
        { upsert: true },
      )
      .exec(),
  );
}

/** Removes repositories taken out of the installation, with every record of theirs. */
export async function removeRepositories(
  store: Store,
  installationId: number,
  repoIds: number[],
): Promise<void> {
  if (repoIds.length === 0) return;
  await deleteEverywhere(store, { installationId, repoId: { $in: repoIds } });
}
