import { z } from "zod";
import { repositorySchema } from "./common.js";

const paths = z.array(z.string()).optional();

/** A push carries no `action`; we read the branch and the paths each commit touched. */
export const pushEventSchema = z.looseObject({
  ref: z.string(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  installation: z.looseObject({ id: z.number().int() }),
  repository: repositorySchema.extend({ default_branch: z.string() }),
  commits: z.array(z.looseObject({ added: paths, modified: paths, removed: paths })),
});

export type PushEvent = z.output<typeof pushEventSchema>;
