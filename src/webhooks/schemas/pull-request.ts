import { z } from "zod";
import { accountSchema, repoEventSchema, timestamp } from "./common.js";

const count = z.number().int().nonnegative().optional();

export const pullRequestSchema = z.looseObject({
  id: z.number().int(),
  number: z.number().int(),
  node_id: z.string().optional(),
  title: z.string(),
  body: z.string().nullable(),
  user: accountSchema.nullable(),
  state: z.enum(["open", "closed"]),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  merged_at: timestamp.nullable(),
  head: z.looseObject({ ref: z.string(), sha: z.string() }),
  base: z.looseObject({ ref: z.string() }),
  merge_commit_sha: z.string().nullable(),
  labels: z.array(z.looseObject({ name: z.string() })),
  milestone: z.looseObject({ title: z.string() }).nullable(),
  assignees: z.array(z.looseObject({ login: z.string() })),
  additions: count,
  deletions: count,
  changed_files: count,
});

export const pullRequestEventSchema = repoEventSchema.extend({ pull_request: pullRequestSchema });

export type PullRequestEvent = z.output<typeof pullRequestEventSchema>;
