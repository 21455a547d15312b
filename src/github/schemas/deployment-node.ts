import { z } from "zod";
import { actorSchema, pageInfoSchema, rateLimitSchema } from "./pull-request-node.js";

/** The shapes of ../queries/deployments-page.ts, checked at the boundary. */

const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const deploymentStatusPageSchema = z.object({
  pageInfo: pageInfoSchema,
  nodes: z.array(z.object({ state: z.string(), createdAt: date }).nullable()),
});
export type DeploymentStatusPage = z.output<typeof deploymentStatusPageSchema>;

export const deploymentNodeSchema = z.object({
  id: z.string(),
  databaseId: z.number().nullable(),
  environment: z.string().nullable(),
  commitOid: z.string(),
  ref: z.object({ name: z.string() }).nullable(),
  createdAt: date,
  updatedAt: date,
  creator: actorSchema.nullable(),
  statuses: deploymentStatusPageSchema,
});
export type DeploymentNode = z.output<typeof deploymentNodeSchema>;

export const deploymentsPageSchema = z.object({
  rateLimit: rateLimitSchema,
  repository: z
    .object({
      deployments: z.object({ pageInfo: pageInfoSchema, nodes: z.array(deploymentNodeSchema.nullable()) }),
    })
    .nullable(),
});

/** A status batch: under each alias the deployment, or null when it vanished meanwhile. */
export const statusPagesSchema = z
  .object({ rateLimit: rateLimitSchema })
  .catchall(z.object({ statuses: deploymentStatusPageSchema.optional() }).nullable());
