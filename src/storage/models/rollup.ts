import { Schema, type Connection } from "mongoose";
import type { RollupPart } from "../../metrics/rollup-part.js";

/**
 * A stored `RollupPart` (src/metrics/rollup-part.ts): its counts, and every duration value packed in
 * one binary (`src/storage/rollups/codec.ts`): the embedded server decodes an array of numbers element
 * by element, a binary at once.
 */
export type StoredPart = Omit<RollupPart, "values"> & { values: Uint8Array };

export interface StoredPersonPart extends StoredPart {
  /** The account key (`id:…`), and the login and PR createdAt that name it (see `noteName`). */
  key: string;
  login: string;
  at: Date;
}

/**
 * One repository-week of merged and opened PRs (week: its Monday 00:00 UTC). Rebuilt whole from that
 * week's PRs whenever one of them changes (src/convert/rebuild-rollups.ts); `marks` counts the changes,
 * so a rebuild that read before a later change does not overwrite the rebuild after it. A document
 * whose parts are missing is being built: it counts as empty.
 */
export interface RollupDocument {
  /** `installationId:repoId:YYYY-MM-DD` (`rollupId`): every write finds its rollup by `_id`. */
  _id: string;
  installationId: number;
  repoId: number;
  week: Date;
  marks: number;
  total?: StoredPart;
  authors?: StoredPersonPart[];
  reviewers?: StoredPersonPart[];
  /** The week's merged PRs as float64 pairs (mergedAt, lead-time start), in ms: DORA's lead times. */
  merges?: Uint8Array;
}

const partFields = {
  merged: { type: Number, required: true },
  opened: { type: Number, required: true },
  reviewed: { type: Number, required: true },
  reverts: { type: Number, required: true },
  hotfixes: { type: Number, required: true },
  aiAssisted: { type: Number, required: true },
  checkRuns: { type: Number, required: true },
  checkRunsFailed: { type: Number, required: true },
  reviews: { type: Number, required: true },
  values: { type: Buffer, required: true },
};

const partSchema = new Schema<StoredPart>(partFields, { _id: false });
const personPartSchema = new Schema<StoredPersonPart>(
  {
    ...partFields,
    key: { type: String, required: true },
    login: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const rollupSchema = new Schema<RollupDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    week: { type: Date, required: true },
    marks: { type: Number, default: 0 },
    total: { type: partSchema, default: undefined },
    authors: { type: [personPartSchema], default: undefined },
    reviewers: { type: [personPartSchema], default: undefined },
    merges: { type: Buffer, default: undefined },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "rollups" },
);
// The key, and a repository's weeks in order (an equality prefix then a range, for the embedded server).
rollupSchema.index({ installationId: 1, repoId: 1, week: 1 }, { unique: true });
// An installation's weeks across its repositories.
rollupSchema.index({ installationId: 1, week: 1 });

/** A rollup's `_id`: a write led by `_id` is a point lookup on the embedded server (STACK.md). */
export const rollupId = (installationId: number, repoId: number, week: Date): string =>
  `${installationId}:${repoId}:${week.toISOString().slice(0, 10)}`;

export const rollupModel = (db: Connection) => db.model("Rollup", rollupSchema);
