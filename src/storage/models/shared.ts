import { Schema } from "mongoose";
import type { Actor } from "../../records/types.js";

/** Records mirror GitHub's data and carry GitHub's own timestamps, so mongoose adds none of its own. */
export const recordOptions = { timestamps: false, versionKey: false, strict: "throw" } as const;

export const actorSchema = new Schema<Actor>(
  {
    login: { type: String, required: true },
    id: { type: Number, default: null },
    type: { type: String, default: null },
  },
  { _id: false },
);
