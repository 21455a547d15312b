import { Schema, type Connection } from "mongoose";

/** The layout `rebuildRollups` writes; a rollup of another is rebuilt when a worker starts. */
export const ROLLUP_LAYOUT = 9;

/**
 * One repository-week of merged and opened PRs (week: its Monday 00:00 UTC). Rebuilt whole from that
 * week's PRs whenever one of them changes (src/convert/rebuild-rollups.ts); `marks` counts the changes,
 * so a rebuild that read before a later change does not overwrite the rebuild after it. A document
 * whose parts are missing is being built, or its week is empty: it counts as empty. It is never deleted
 * but with its repository, so `marks` only grows (its slices compare with it). The parts are binaries
 * (src/storage/rollups/codec.ts): the embedded server decodes a sub-document field by field. People and
 * days are in `rollup_slices` (`RollupSliceDocument`), read only by the queries that need them.
 */
export interface RollupDocument {
  /** `installationId:repoId:YYYY-MM-DD` (`rollupId`): every write finds its rollup by `_id`. */
  _id: string;
  installationId: number;
  repoId: number;
  week: Date;
  marks: number;
  layout?: number;
  /** Everyone's part (`encodePart`). */
  total?: Uint8Array;
  /** The week's PRs opened, still open and open drafts by day opened (`countWeek`), as float64s. */
  counts?: Uint8Array;
  /** The week's merged PRs as float64 pairs (mergedAt, lead-time start), in ms: DORA's lead times. */
  merges?: Uint8Array;
}

const rollupSchema = new Schema<RollupDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    week: { type: Date, required: true },
    marks: { type: Number, default: 0 },
    layout: { type: Number, default: undefined },
    total: { type: Buffer, default: undefined },
    counts: { type: Buffer, default: undefined },
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
