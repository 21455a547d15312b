import { Schema, type Connection } from "mongoose";
import type { DaySection } from "../rollups/days-codec.js";

/**
 * What a slice holds of its repository-week: each author's parts, each reviewer's, and each of its
 * seven days' sections apart (totals, hours, authors, reviewers): a range cut inside a week reads only
 * the section its grouping needs.
 */
export const SLICE_KINDS = [
  "authors",
  "reviewers",
  "days",
  "dayHours",
  "dayAuthors",
  "dayReviewers",
] as const;
export type SliceKind = (typeof SLICE_KINDS)[number];

/** Which day slice holds each section of a week's days (an installation's week slices use the same names). */
export const DAY_SLICE_KINDS = {
  total: "days",
  hours: "dayHours",
  authors: "dayAuthors",
  reviewers: "dayReviewers",
} as const satisfies Record<DaySection, SliceKind>;

/**
 * The parts of a repository-week's rollup that only some reads need, each in its own document: the
 * embedded server decodes every byte of a document it reads, and people and days are most of a
 * rollup's bytes (at 250,000 PRs, 160 of its 170 KB), which a year's total does not need. `marks` is
 * the rollup's when the slice was built: a slice is only ever replaced by one built after it.
 */
export interface RollupSliceDocument {
  /** `rollupId:kind` (`rollupSliceId`). */
  _id: string;
  installationId: number;
  repoId: number;
  week: Date;
  kind: SliceKind;
  marks: number;
  /** `encodePeople` for people, `encodeDays` for days; absent when the week has nothing. */
  data?: Uint8Array;
}

const rollupSliceSchema = new Schema<RollupSliceDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    week: { type: Date, required: true },
    kind: { type: String, enum: SLICE_KINDS, required: true },
    marks: { type: Number, required: true },
    data: { type: Buffer, default: undefined },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "rollup_slices" },
);
// An installation's or a repository's slices of one kind over weeks: equality prefix, then one range.
rollupSliceSchema.index({ installationId: 1, kind: 1, week: 1 });
rollupSliceSchema.index({ installationId: 1, repoId: 1, kind: 1, week: 1 }, { unique: true });

export const rollupSliceId = (rollupId: string, kind: SliceKind): string => `${rollupId}:${kind}`;

export const rollupSliceModel = (db: Connection) => db.model("RollupSlice", rollupSliceSchema);
