import { z } from "zod";
import { repoEventSchema, timestamp } from "./common.js";

const appSchema = z.looseObject({ slug: z.string().optional() }).nullish();
const pullRequestNumbers = z.array(z.looseObject({ number: z.number().int() }));

export const checkRunEventSchema = repoEventSchema.extend({
  check_run: z.looseObject({
    id: z.number().int(),
    name: z.string(),
    head_sha: z.string(),
    status: z.string(),
    conclusion: z.string().nullable(),
    started_at: timestamp.nullable(),
    // Only `completed` deliveries are subscribed, and they always carry it: it versions the record.
    completed_at: timestamp,
    app: appSchema,
    check_suite: z.looseObject({ id: z.number().int() }).nullish(),
    pull_requests: pullRequestNumbers,
  }),
});

export const checkSuiteEventSchema = repoEventSchema.extend({
  check_suite: z.looseObject({
    id: z.number().int(),
    head_sha: z.string(),
    head_branch: z.string().nullable(),
    status: z.string().nullable(),
    conclusion: z.string().nullable(),
    app: appSchema,
    pull_requests: pullRequestNumbers,
    updated_at: timestamp,
  }),
});

export type CheckRunEvent = z.output<typeof checkRunEventSchema>;
export type CheckSuiteEvent = z.output<typeof checkSuiteEventSchema>;
