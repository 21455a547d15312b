import { Schema, type Connection } from "mongoose";
import type { RepoConfigFile } from "../../metrics/repo-config.js";
import type { RepositoryRecord } from "../../records/types.js";
import { ANY_CASE } from "./any-case.js";
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

/** Where a repository's backfill is (src/sync): its checkpoint, and progress for the CLI. */
export interface BackfillState {
  days: number;
  /** PRs last updated before this are out of the backfill; fixed when it starts, kept on resume. */
  since: Date;
  startedAt: Date;
  completedAt: Date | null;
  /** Where the next page starts (GitHub's cursor), saved after every stored page. */
  cursor: string | null;
  /** The page size that last worked (it shrinks after a GraphQL 502 or timeout). */
  pageSize: number | null;
  pagesDone: number;
  prsStored: number;
  /** 0–100, by how far back in time the pages have reached. */
  progress: number;
}

export interface SyncCheckpoint {
  /** When the last successful sync of this repository started: the next one fetches from here. */
  lastSyncStartedAt: Date | null;
  backfill: BackfillState | null;
}

export type RepositoryDocument = RepositoryRecord & RepoConfigCache & SyncCheckpoint;

const backfillSchema = new Schema<BackfillState>(
  {
    days: { type: Number, required: true },
    since: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    cursor: { type: String, default: null },
    pageSize: { type: Number, default: null },
    pagesDone: { type: Number, default: 0 },
    prsStored: { type: Number, default: 0 },
    progress: { type: Number, default: 0 },
  },
  { _id: false },
);

const repositorySchema = new Schema<RepositoryDocument>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    fullName: { type: String, required: true },
    private: { type: Boolean, default: false },
    nameVersion: { type: Date, default: null },
    syncStatus: { type: String, enum: ["pending", "syncing", "complete", "error"], default: "pending" },
    lastSyncAt: { type: Date, default: null },
    lastSyncError: { type: String, default: null },
    config: { type: Schema.Types.Mixed, default: null },
    configError: { type: String, default: null },
    configFetchedAt: { type: Date, default: null },
    lastSyncStartedAt: { type: Date, default: null },
    backfill: { type: backfillSchema, default: null },
  },
  // minimize: false keeps an empty (valid, no additions) config as {} rather than dropping it.
  { ...recordOptions, collection: "repositories", minimize: false },
);
repositorySchema.index({ installationId: 1, repoId: 1 }, { unique: true });
// A name given by a user (`--repo`, `?repo=`) is found any case, in one installation or across them.
repositorySchema.index({ installationId: 1, fullName: 1 }, { collation: ANY_CASE, name: "name_any_case" });
repositorySchema.index({ fullName: 1 }, { collation: ANY_CASE, name: "name_any_case_all" });

export const repositoryModel = (db: Connection) => db.model("Repository", repositorySchema);
