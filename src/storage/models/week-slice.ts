import { Schema, type Connection } from "mongoose";

/**
 * What an installation-week's sums hold, each kind in its own document: everyone's part, each author's,
 * each reviewer's, each repository's merges (DORA), each repository's PR counts (`/sync`, open PRs), and
 * each day's authors and reviewers (`encodeDayPeople`: a range that cuts the week reads one document,
 * not one per repository).
 */
export const WEEK_SLICE_KINDS = [
  "total",
  "authors",
  "reviewers",
  "merges",
  "counts",
  "dayAuthors",
  "dayReviewers",
] as const;
export type WeekSliceKind = (typeof WEEK_SLICE_KINDS)[number];

/** One kind of an installation-week's sums, as built by the merge that marked `marks`. */
export interface WeekSliceDocument {
  /** `weekRollupId:kind` (`weekSliceId`). */
  _id: string;
  installationId: number;
  week: Date;
  kind: WeekSliceKind;
  marks: number;
  /** The codec's bytes (src/storage/rollups/codec.ts); absent when the week has nothing. */
  data?: Uint8Array;
}

const weekSliceSchema = new Schema<WeekSliceDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    week: { type: Date, required: true },
    kind: { type: String, enum: WEEK_SLICE_KINDS, required: true },
    marks: { type: Number, required: true },
    data: { type: Buffer, default: undefined },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "week_slices" },
);
// An installation's weeks of one kind: equality prefix, then one range (STACK.md).
weekSliceSchema.index({ installationId: 1, kind: 1, week: 1 }, { unique: true });

export const weekSliceId = (weekRollupId: string, kind: WeekSliceKind): string => `${weekRollupId}:${kind}`;

export const weekSliceModel = (db: Connection) => db.model("WeekSlice", weekSliceSchema);
