import { Schema, type Connection } from "mongoose";
import type { DeploymentRecord } from "../../records/types.js";
import { actorSchema, recordOptions } from "./shared.js";

const deploymentSchema = new Schema<DeploymentRecord>(
  {
    installationId: { type: Number, required: true },
    repoId: { type: Number, required: true },
    deploymentId: { type: Number, required: true },
    environment: { type: String, required: true },
    sha: { type: String, required: true },
    ref: { type: String, default: "" },
    creator: { type: actorSchema, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    statuses: {
      type: [
        new Schema(
          {
            statusId: { type: Number, default: null },
            state: { type: String, required: true },
            createdAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { ...recordOptions, collection: "deployments" },
);
deploymentSchema.index({ installationId: 1, deploymentId: 1 }, { unique: true });
deploymentSchema.index({ installationId: 1, repoId: 1, environment: 1, createdAt: 1 });
// A repository's deployments from a date on, whatever their environment: DORA (src/query/dora.ts).
deploymentSchema.index({ installationId: 1, repoId: 1, createdAt: 1 });

export const deploymentModel = (db: Connection) => db.model("Deployment", deploymentSchema);
