import { Schema, type Connection } from "mongoose";
import type { RepoConfigFile } from "../../metrics/repo-config.js";
import type { RepositoryRecord } from "../../records/types.js";
import { recordOptions } from "./shared.js";

/**
 * The repository's `.github/mergelens.yml` as last fetched (src/convert/repo-config-cache.ts): the
 * validated additions, not the effective config, so a change to the defaults applies without a refetch.
 */
export interface RepoConfigCache {
  /** The file's additions; null when it is absent or bad. */
  config: RepoConfigFile | null;
  /** Why the file was rejected; the last one reported, so each problem is reported once. */
  configError: string | null;
  /** null: never fetched (a cache miss). */
  configFetchedAt: Date | null;
}

export type RepositoryDocument = RepositoryRecord & RepoConfigCache;

const repositorySchema = new Schema<RepositoryDocument>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    fullName: { type: String, required: true },
    private: { type: Boolean, default: false },
    syncStatus: { type: String, enum: ["pending", "syncing", "complete", "error"], default: "pending" },
    lastSyncAt: { type: Date, default: null },
    lastSyncError: { type: String, default: null },
    config: { type: Schema.Types.Mixed, default: null },
    configError: { type: String, default: null },
    configFetchedAt: { type: Date, default: null },
  },
  // minimize: false keeps an empty (valid, no additions) config as {} rather than dropping it.
  { ...recordOptions, collection: "repositories", minimize: false },
);
repositorySchema.index({ installationId: 1, repoId: 1 }, { unique: true });
repositorySchema.index({ installationId: 1, fullName: 1 });

export const repositoryModel = (db: Connection) => db.model("Repository", repositorySchema);
