import { Schema, type Connection } from "mongoose";
import type { CommitRecord } from "../../records/types.js";
import { recordOptions } from "./shared.js";

const commitSchema = new Schema<CommitRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    prNumber: { type: Number, required: true },
    sha: { type: String, required: true },
    message: { type: String, default: "" },
    authorName: { type: String, default: null },
    authorEmail: { type: String, default: null },
    authorLogin: { type: String, default: null },
    authoredAt: { type: Date, default: null },
    committedAt: { type: Date, default: null },
    truncated: { type: [String], default: [] },
  },
  { ...recordOptions, collection: "commits" },
);
// One commit can belong to several PRs, so the PR is part of the key.
commitSchema.index({ installationId: 1, repoId: 1, prNumber: 1, sha: 1 }, { unique: true });

export const commitModel = (db: Connection) => db.model("Commit", commitSchema);
