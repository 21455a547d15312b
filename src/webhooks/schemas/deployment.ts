import { z } from "zod";
import { accountSchema, repoEventSchema, timestamp } from "./common.js";

const deploymentSchema = z.looseObject({
  id: z.number().int(),
  environment: z.string(),
  sha: z.string(),
  ref: z.string(),
  creator: accountSchema.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const deploymentEventSchema = repoEventSchema.extend({ deployment: deploymentSchema });

export const deploymentStatusEventSchema = repoEventSchema.extend({
  deployment: deploymentSchema,
  deployment_status: z.looseObject({ id: z.number().int(), state: z.string(), created_at: timestamp }),
});

export type DeploymentEvent = z.output<typeof deploymentEventSchema>;
export type DeploymentStatusEvent = z.output<typeof deploymentStatusEventSchema>;
