import { z } from "zod";
import { accountSchema, repoEventSchema, timestamp } from "./common.js";

/** Webhooks spell review states in lower case, the REST API in upper case; records use upper case. */
const reviewState = z
  .string()
  .transform((state) => state.toUpperCase())
  .pipe(z.enum(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]));

export const reviewEventSchema = repoEventSchema.extend({
  pull_request: z.looseObject({ number: z.number().int() }),
  review: z.looseObject({
    id: z.number().int(),
    user: accountSchema.nullable(),
    state: reviewState,
    submitted_at: timestamp.nullable(),
    commit_id: z.string().nullish(),
  }),
});

export type ReviewEvent = z.output<typeof reviewEventSchema>;
