import { Schema, type Connection } from "mongoose";

/**
 * One installation-week across all its repositories: every repository-week's total, authors and
 * reviewers added up (src/storage/rollups/merge-installation-weeks.ts). A year of a large organisation
 * is a thousand repository-weeks holding a hundred thousand person-parts, growing with its PRs; a year of
 * installation-weeks is 52 documents and a part per person and week, however many PRs. Kept current
 * like rollups: `marks` counts the merges begun, and a merge writes only if none began after it read.
 */
export interface WeekRollupDocument {
  /** `installationId:YYYY-MM-DD` (`weekRollupId`). */
  _id: string;
  installationId: number;
  week: Date;
  marks: number;
  /** `encodePart` and `encodePeople` of the sums; absent while being built or when the week is empty. */
  total?: Uint8Array;
  authors?: Uint8Array;
  reviewers?: Uint8Array;
  /** Each repository's `merges` (`encodeRepositoryMerges`): DORA's lead times for the whole installation. */
  merges?: Uint8Array;
}

const weekRollupSchema = new Schema<WeekRollupDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    week: { type: Date, required: true },
    marks: { type: Number, default: 0 },
    total: { type: Buffer, default: undefined },
    authors: { type: Buffer, default: undefined },
    reviewers: { type: Buffer, default: undefined },
    merges: { type: Buffer, default: undefined },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "week_rollups" },
);
weekRollupSchema.index({ installationId: 1, week: 1 }, { unique: true });

export const weekRollupId = (installationId: number, week: Date): string =>
  `${installationId}:${week.toISOString().slice(0, 10)}`;

export const weekRollupModel = (db: Connection) => db.model("WeekRollup", weekRollupSchema);
