import { Schema, type Connection } from "mongoose";
import type { InstallationRecord } from "../../records/types.js";
import { ANY_CASE } from "./any-case.js";
import { recordOptions } from "./shared.js";

const installationSchema = new Schema<InstallationRecord>(
  {
    installationId: { type: Number, required: true, unique: true },
    account: {
      id: { type: Number, required: true },
      login: { type: String, required: true },
      type: { type: String, required: true },
    },
    repositorySelection: { type: String, enum: ["all", "selected"], required: true },
    suspendedAt: { type: Date, default: null },
    permissions: { type: Schema.Types.Mixed, default: {} },
    events: { type: [String], default: [] },
  },
  { ...recordOptions, collection: "installations" },
);
// `--installation <login>` finds the account any case, as GitHub compares logins.
installationSchema.index({ "account.login": 1 }, { collation: ANY_CASE, name: "login_any_case" });

export const installationModel = (db: Connection) => db.model("Installation", installationSchema);
