import { Schema, type Connection } from "mongoose";

/**
 * One installation-week across all its repositories: its merge's `marks` only. The sums themselves
 * (every repository-week's total, authors, reviewers and merges added up, and each repository's PR
 * counts) are `week_slices`, one document per kind (src/storage/rollups/merge-installation-weeks.ts):
 * the embedded server reads every byte of a document, and a year's total must not read its people. Kept
 * current like rollups: `marks` counts the merges begun, and a slice is only replaced by a later merge's.
 */
export interface WeekRollupDocument {
  /** `installationId:YYYY-MM-DD` (`weekRollupId`). */
  _id: string;
  installationId: number;
  week: Date;
  marks: number;
}

const weekRollupSchema = new Schema<WeekRollupDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    week: { type: Date, required: true },
    marks: { type: Number, default: 0 },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "week_rollups" },
);
weekRollupSchema.index({ installationId: 1, week: 1 }, { unique: true });

export const weekRollupId = (installationId: number, week: Date): string =>
  `${installationId}:${week.toISOString().slice(0, 10)}`;

export const weekRollupModel = (db: Connection) => db.model("WeekRollup", weekRollupSchema);
