import type { RepositoryKey } from "../records/types.js";
import { parseRepoConfigObject, readRepoConfigFile, type RepoConfig } from "../metrics/repo-config.js";
import type { RepoConfigCache } from "../storage/models/repository.js";
import type { Store } from "../storage/store.js";
import type { LoadedRepoConfig } from "./load-repo-config.js";
import { serialized } from "./serialize.js";

export interface RepoConfigSource {
  store: Store;
  /** Fetches the file (e.g. `loadRepoConfigFile` with the delivery's octokit); called on a miss only. */
  load: () => Promise<LoadedRepoConfig>;
  /** Log + Sentry; called once per distinct problem, not on every fetch that finds it again. */
  report: (error: string) => void;
}

const key = (ref: RepositoryKey) => ({ installationId: ref.installationId, repoId: ref.repoId });

/**
 * One fetch at a time per repository in this process: deliveries arriving together for an uncached
 * repository load the file once, and a problem is reported once. Across processes the atomic swap
 * below (findOneAndUpdate returning the previous value) keeps the report single.
 */
const exclusive = <T>(ref: RepositoryKey, task: () => Promise<T>): Promise<T> =>
  serialized(`repo-config:${ref.installationId}:${ref.repoId}`, task);

/** Re-validated on read, so a stored value the current schema rejects falls back to the defaults. */
const effective = (cache: Pick<RepoConfigCache, "config">): RepoConfig =>
  parseRepoConfigObject(cache.config ?? null).config;

/** The effective config of a repository's cache fields, or null when it was never fetched. */
export const configOfCache = (
  cached: Pick<RepoConfigCache, "config" | "configFetchedAt"> | null | undefined,
): RepoConfig | null => (cached?.configFetchedAt ? effective(cached) : null);

/** The cached effective config, or null when it was never fetched (or the repository is untracked). */
export async function readCachedRepoConfig(store: Store, ref: RepositoryKey): Promise<RepoConfig | null> {
  return configOfCache(await store.repositories.findOne(key(ref), { config: 1, configFetchedAt: 1 }).lean());
}

async function fetchAndCache(
  source: RepoConfigSource,
  ref: RepositoryKey,
): Promise<{ config: RepoConfig; changed: boolean }> {
  const loaded = await source.load();
  const { file, error } =
    "error" in loaded ? { file: null, error: loaded.error } : readRepoConfigFile(loaded.raw);
  const previous = await source.store.repositories
    .findOneAndUpdate(
      key(ref),
      { $set: { config: file, configError: error, configFetchedAt: new Date() } },
      { projection: { config: 1, configError: 1, configFetchedAt: 1 } },
    )
    .lean();
  if (error !== null && previous?.configError !== error) source.report(error);
  const config = effective({ config: file });
  const changed =
    !previous?.configFetchedAt || JSON.stringify(effective(previous)) !== JSON.stringify(config);
  return { config, changed };
}

/**
 * Fetches the file and caches it. Returns the effective config and whether it differs from the cached
 * one (a first fetch counts as a change).
 */
export function refetchRepoConfig(
  source: RepoConfigSource,
  ref: RepositoryKey,
): Promise<{ config: RepoConfig; changed: boolean }> {
  return exclusive(ref, () => fetchAndCache(source, ref));
}

/** The repository's effective config: cached, or fetched and cached on a miss. */
export function getRepoConfig(source: RepoConfigSource, ref: RepositoryKey): Promise<RepoConfig> {
  return exclusive(
    ref,
    async () => (await readCachedRepoConfig(source.store, ref)) ?? (await fetchAndCache(source, ref)).config,
  );
}

/** Forgets the cached config, so the next fetch counts as a change (e.g. after a failed refresh). */
export async function forgetRepoConfig(store: Store, ref: RepositoryKey): Promise<void> {
  await store.repositories.updateOne(key(ref), { $set: { configFetchedAt: null } });
}
