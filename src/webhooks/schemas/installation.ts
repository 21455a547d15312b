import { z } from "zod";
import { lenientTimestamp, repositorySchema, timestamp } from "./common.js";

const installationSchema = z.looseObject({
  id: z.number().int(),
  account: z.looseObject({ id: z.number().int(), login: z.string(), type: z.string() }),
  repository_selection: z.enum(["all", "selected"]),
  suspended_at: timestamp.nullish(),
  permissions: z.record(z.string(), z.string()),
  events: z.array(z.string()),
});

export const installationEventSchema = z.looseObject({
  action: z.string(),
  installation: installationSchema,
  repositories: z.array(repositorySchema).optional(),
});

/** Deletion reads only the id: a payload we cannot fully parse must still erase the data (privacy). */
export const installationDeletedSchema = z.looseObject({
  action: z.literal("deleted"),
  installation: z.looseObject({ id: z.number().int() }),
});

/** Like deletion, a removal needs only ids, so it cannot be blocked by fields we do not use. */
export const installationRepositoriesEventSchema = z.looseObject({
  action: z.enum(["added", "removed"]),
  // `updated_at` dates the change, so an add delivered after a later removal loses to it.
  installation: z.looseObject({ id: z.number().int(), updated_at: lenientTimestamp }),
  repositories_added: z.array(repositorySchema),
  repositories_removed: z.array(z.looseObject({ id: z.number().int() })),
});

export type InstallationPayload = z.output<typeof installationSchema>;
export type InstallationEvent = z.output<typeof installationEventSchema>;
export type InstallationDeletedEvent = z.output<typeof installationDeletedSchema>;
export type InstallationRepositoriesEvent = z.output<typeof installationRepositoriesEventSchema>;
