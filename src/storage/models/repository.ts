import { Schema, type Connection } from "mongoose";
import type { RepositoryRecord } from "../../records/types.js";
import { recordOptions } from "./shared.js";

const repositorySchema = new Schema<RepositoryRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    fullName: { type: String, required: true },
    private: { type: Boolean, default: false },
    syncStatus: { type: String, enum: ["pending", "syncing", "complete", "error"], default: "pending" },
    lastSyncAt: { type: Date, default: null },
    lastSyncError: { type: String, default: null },
  },
  { ...recordOptions, collection: "repositories" },
);
repositorySchema.index({ installationId: 1, repoId: 1 }, { unique: true });
repositorySchema.index({ installationId: 1, fullName: 1 });

export const repositoryModel = (db: Connection) => db.model("Repository", repositorySchema);
