import { z } from "zod";
import { accountSchema, repoEventSchema, timestamp } from "./common.js";

const commentSchema = z.looseObject({
  id: z.number().int(),
  user: accountSchema.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** `issue.pull_request` is present only when the issue is a PR; plain issues are ignored, not rejected. */
export const issueCommentEventSchema = repoEventSchema.extend({
  issue: z.looseObject({ number: z.number().int(), pull_request: z.looseObject({}).nullish() }),
  comment: commentSchema,
});

export const reviewCommentEventSchema = repoEventSchema.extend({
  pull_request: z.looseObject({ number: z.number().int() }),
  comment: commentSchema,
});

export type IssueCommentEvent = z.output<typeof issueCommentEventSchema>;
export type ReviewCommentEvent = z.output<typeof reviewCommentEventSchema>;
export type CommentPayload = z.output<typeof commentSchema>;
