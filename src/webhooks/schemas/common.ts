import { z } from "zod";

/**
 * Building blocks of the payload schemas. Objects are loose: GitHub sends far more than we read, and a
 * new field must never make a delivery fail validation.
 */
export const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * A time GitHub gives as an ISO string or as Unix seconds (installation payloads use both). Unreadable
 * becomes null: the times this reads only order deliveries, and must never fail one.
 */
export const lenientTimestamp = z
  .union([z.number().transform((seconds) => new Date(seconds * 1000)), timestamp])
  .nullish()
  .catch(null);

export const accountSchema = z.looseObject({
  login: z.string(),
  id: z.number().int(),
  type: z.string().nullish(),
});

export const repositorySchema = z.looseObject({
  id: z.number().int(),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "must be owner/name"),
  private: z.boolean(),
  // Dates the name: absent from installation payloads' repository lists.
  updated_at: lenientTimestamp,
});

/** Every repository-scoped delivery to a GitHub App names its installation and repository. */
export const repoEventSchema = z.looseObject({
  action: z.string(),
  installation: z.looseObject({ id: z.number().int() }),
  repository: repositorySchema,
});

export type AccountPayload = z.output<typeof accountSchema>;
export type RepositoryPayload = z.output<typeof repositorySchema>;
export type RepoEventPayload = z.output<typeof repoEventSchema>;
