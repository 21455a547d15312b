import { Schema, type Connection } from "mongoose";

/**
 * The last change of the app's access to a repository (or, with `repoId` null, the deletion of a whole
 * installation). A removal deletes the repository's data, but this small record outlives it: GitHub
 * may still deliver events from before the removal (out of order, or redelivered an hour later), and
 * without it any of them would create the repository and its records again. A separate collection, not
 * a flag on the repository, so no reader of repositories has to skip removed ones.
 */
export interface AccessChangeRecord {
  installationId: number;
  /** null: the whole installation was deleted (for good: reinstalling creates a new installation id). */
  repoId: number | null;
  removed: boolean;
  /**
   * GitHub's time for the change (`installation.updated_at` on the delivery; for a change the sync read
   * off GitHub's list, when the list was read). An add or a removal loses to a stored one dated later.
   */
  version: Date | null;
  /** When mergelens applied it (its own clock): the sync's list loses to a change applied after it was read. */
  changedAt: Date;
}

const accessChangeSchema = new Schema<AccessChangeRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, default: null },
    removed: { type: Boolean, required: true },
    version: { type: Date, default: null },
    changedAt: { type: Date, required: true },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "access_changes" },
);
accessChangeSchema.index({ installationId: 1, repoId: 1 }, { unique: true });

export const accessChangeModel = (db: Connection) => db.model("AccessChange", accessChangeSchema);
