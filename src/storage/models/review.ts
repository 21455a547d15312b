import { Schema, type Connection } from "mongoose";
import type { ReviewRecord } from "../../records/types.js";
import { actorSchema, recordOptions } from "./shared.js";

const reviewSchema = new Schema<ReviewRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    prNumber: { type: Number, required: true },
    reviewId: { type: Number, required: true },
    author: { type: actorSchema, required: true },
    state: {
      type: String,
      enum: ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"],
      required: true,
    },
    submittedAt: { type: Date, default: null },
    commitId: { type: String, default: null },
  },
  { ...recordOptions, collection: "reviews" },
);
reviewSchema.index({ installationId: 1, reviewId: 1 }, { unique: true });
reviewSchema.index({ installationId: 1, repoId: 1, prNumber: 1 });

export const reviewModel = (db: Connection) => db.model("Review", reviewSchema);
