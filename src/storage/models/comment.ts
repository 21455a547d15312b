import { Schema, type Connection } from "mongoose";
import type { CommentRecord } from "../../records/types.js";
import { actorSchema, recordOptions } from "./shared.js";

/**
 * A comment as stored. A deleted comment stays as a tombstone (`deletedAt` set) rather than going away:
 * GitHub may deliver an edit after the deletion, and a backfill page fetched before it may still list
 * it. Keeping the tombstone on the comment's own document lets every write refuse it in the same
 * conditional upsert (no window between a check and a write, no extra round trip), at the cost of one
 * filter for readers: keep comments that pass `isLiveComment`. A deletion is final on GitHub (ids are never
 * reused), so a tombstone never lifts.
 */
export type CommentDocument = CommentRecord & {
  /** When mergelens learnt of the deletion; null while the comment exists. */
  deletedAt: Date | null;
};

/** The condition a write adds so it never overwrites a tombstone. */
export const LIVE_COMMENTS = { deletedAt: null } as const;

/**
 * What every reader of comments keeps: tombstones are not comments. Readers filter after an indexed
 * read rather than adding `deletedAt: null` to the query: a field outside the index made the embedded
 * server scan the whole collection on every sync page (tombstones are few, so little is read twice).
 */
export const isLiveComment = (comment: { deletedAt?: Date | null }): boolean => comment.deletedAt == null;

/** Conversation comments (`issue`) and inline review comments (`review`) in one collection. */
const commentSchema = new Schema<CommentDocument>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    prNumber: { type: Number, required: true },
    kind: { type: String, enum: ["issue", "review"], required: true },
    commentId: { type: Number, required: true },
    author: { type: actorSchema, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    deletedAt: { type: Date, default: null },
  },
  { ...recordOptions, collection: "comments" },
);
commentSchema.index({ installationId: 1, kind: 1, commentId: 1 }, { unique: true });
commentSchema.index({ installationId: 1, repoId: 1, prNumber: 1 });

export const commentModel = (db: Connection) => db.model("Comment", commentSchema);
