import { Schema, type Connection } from "mongoose";
import type { ChangedFileRecord } from "../../records/types.js";
import { recordOptions } from "./shared.js";

const changedFileSchema = new Schema<ChangedFileRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    prNumber: { type: Number, required: true },
    filename: { type: String, required: true },
    status: { type: String, default: "modified" },
    additions: { type: Number, default: 0 },
    deletions: { type: Number, default: 0 },
  },
  { ...recordOptions, collection: "changed_files" },
);
changedFileSchema.index({ installationId: 1, repoId: 1, prNumber: 1, filename: 1 }, { unique: true });

export const changedFileModel = (db: Connection) => db.model("ChangedFile", changedFileSchema);
