import { Schema, type Connection } from "mongoose";

/** The layout `rebuildDeploymentWeeks` writes; a section of another is rebuilt when a worker starts. */
export const DEPLOYMENT_WEEK_LAYOUT = 1;

/** One repository's deployments of the week, in the few numbers DORA reads. */
export interface DeploymentSection {
  /** Counts the changes, as the PR rollups' `marks`: a rebuild writes only if none came after its read. */
  marks: number;
  layout?: number;
  /** How many deployments `deployments` holds: the start-up check compares it with the stored ones. */
  count?: number;
  /** The distinct environment names of the week's deployments. */
  environments?: string[];
  /** Float64 quadruples (src/storage/deployment-weeks/codec.ts): createdAt, id, environment, status. */
  deployments?: Uint8Array;
}

/**
 * One installation-week of deployments (week: the Monday 00:00 UTC of their `createdAt`), a section per
 * repository keyed by its id, rebuilt from that repository's stored deployments of the week whenever
 * one is written (src/storage/deployment-weeks/rebuild.ts). One document for all the repositories: the
 * embedded server's cost is per document read, so a year is 53 documents, not 53 per repository. Which
 * environments are production is config-dependent, so the names are kept and decided at read.
 */
export interface DeploymentWeekDocument {
  /** `installationId:YYYY-MM-DD`: every write finds its document by `_id`. */
  _id: string;
  installationId: number;
  week: Date;
  repos?: Record<string, DeploymentSection>;
}

const sectionSchema = new Schema<DeploymentSection>(
  {
    marks: { type: Number, default: 0 },
    layout: { type: Number, default: undefined },
    count: { type: Number, default: undefined },
    environments: { type: [String], default: undefined },
    deployments: { type: Buffer, default: undefined },
  },
  { _id: false, strict: "throw" },
);

const deploymentWeekSchema = new Schema<DeploymentWeekDocument>(
  {
    _id: { type: String, required: true },
    installationId: { type: Number, required: true },
    week: { type: Date, required: true },
    repos: { type: Map, of: sectionSchema, default: undefined },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "deployment_weeks" },
);
// An installation's weeks in order (an equality prefix then a range, for the embedded server).
deploymentWeekSchema.index({ installationId: 1, week: 1 }, { unique: true });

export const deploymentWeekId = (installationId: number, week: Date): string =>
  `${installationId}:${week.toISOString().slice(0, 10)}`;

export const deploymentWeekModel = (db: Connection) => db.model("DeploymentWeek", deploymentWeekSchema);
