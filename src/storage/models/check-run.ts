import { Schema, type Connection } from "mongoose";
import type { CheckRunRecord, CheckSuiteRecord } from "../../records/types.js";
import { recordOptions } from "./shared.js";

const checkRunSchema = new Schema<CheckRunRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    checkRunId: { type: Number, required: true },
    checkSuiteId: { type: Number, default: null },
    name: { type: String, required: true },
    headSha: { type: String, required: true },
    status: { type: String, required: true },
    conclusion: { type: String, default: null },
    startedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    appSlug: { type: String, default: null },
    prNumbers: { type: [Number], default: [] },
  },
  { ...recordOptions, collection: "check_runs" },
);
checkRunSchema.index({ installationId: 1, checkRunId: 1 }, { unique: true });
checkRunSchema.index({ installationId: 1, repoId: 1, headSha: 1 });

const checkSuiteSchema = new Schema<CheckSuiteRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    checkSuiteId: { type: Number, required: true },
    headSha: { type: String, required: true },
    headBranch: { type: String, default: null },
    status: { type: String, default: null },
    conclusion: { type: String, default: null },
    appSlug: { type: String, default: null },
    prNumbers: { type: [Number], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...recordOptions, collection: "check_suites" },
);
checkSuiteSchema.index({ installationId: 1, checkSuiteId: 1 }, { unique: true });
checkSuiteSchema.index({ installationId: 1, repoId: 1, headSha: 1 });

export const checkRunModel = (db: Connection) => db.model("CheckRun", checkRunSchema);
export const checkSuiteModel = (db: Connection) => db.model("CheckSuite", checkSuiteSchema);
