import { Schema, type Connection } from "mongoose";
import type { CommentRecord } from "../../records/types.js";
import { actorSchema, recordOptions } from "./shared.js";

/** Conversation comments (`issue`) and inline review comments (`review`) in one collection. */
const commentSchema = new Schema<CommentRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    prNumber: { type: Number, required: true },
    kind: { type: String, enum: ["issue", "review"], required: true },
    commentId: { type: Number, required: true },
    author: { type: actorSchema, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...recordOptions, collection: "comments" },
);
commentSchema.index({ installationId: 1, kind: 1, commentId: 1 }, { unique: true });
commentSchema.index({ installationId: 1, repoId: 1, prNumber: 1 });

export const commentModel = (db: Connection) => db.model("Comment", commentSchema);
