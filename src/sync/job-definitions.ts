import { backoffStrategies, type BackoffStrategy } from "agenda";
import { z } from "zod";

const id = z.number().int().positive();

/** Every job's payload; enqueueing validates against these, so a bad payload never reaches the queue. */
export const jobPayloads = {
  "complete-pull-request": z.strictObject({ installationId: id, repoId: id, number: id }),
  "backfill-repository": z.strictObject({
    installationId: id,
    repoId: id,
    days: z.number().int().min(1).max(3650),
  }),
  "sync-installation": z.strictObject({ installationId: id }),
  "refresh-repository-metrics": z.strictObject({ installationId: id, repoId: id }),
  "schedule-syncs": z.strictObject({}),
  "redeliver-failed-webhooks": z.strictObject({}),
};

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;

export interface JobOptions {
  concurrency: number;
  /** A lock older than this is taken to belong to a dead worker and the job runs again elsewhere. */
  lockLifetime: number;
  backoff: BackoffStrategy;
  /** Payload fields that identify "the same work": one such job may be queued or running at a time. */
  dedupeBy: readonly string[];
}

/** An error a job throws to say "retrying will not help" (a removed installation, a bad payload). */
export class PermanentJobError extends Error {}

// Agenda's exponential backoff with jitter, skipped for errors that retrying cannot fix.
const retrying = (maxRetries: number, delay: number): BackoffStrategy =>
  backoffStrategies.when(
    (context) => !(context.error instanceof PermanentJobError),
    backoffStrategies.exponential({ delay, factor: 4, maxRetries, jitter: 0.2, maxDelay: 60 * 60_000 }),
  );

const minutes = (n: number) => n * 60_000;

export const jobOptions: Record<JobName, JobOptions> = {
  "complete-pull-request": {
    concurrency: 5,
    lockLifetime: minutes(10),
    backoff: retrying(5, 30_000),
    dedupeBy: ["installationId", "repoId", "number"],
  },
  "backfill-repository": {
    concurrency: 2,
    lockLifetime: minutes(10),
    backoff: retrying(5, 60_000),
    dedupeBy: ["installationId", "repoId"],
  },
  "sync-installation": {
    concurrency: 2,
    lockLifetime: minutes(10),
    backoff: retrying(5, 60_000),
    dedupeBy: ["installationId"],
  },
  "refresh-repository-metrics": {
    concurrency: 2,
    lockLifetime: minutes(10),
    backoff: retrying(5, 30_000),
    dedupeBy: ["installationId", "repoId"],
  },
  "schedule-syncs": { concurrency: 1, lockLifetime: minutes(5), backoff: retrying(3, 60_000), dedupeBy: [] },
  "redeliver-failed-webhooks": {
    concurrency: 1,
    lockLifetime: minutes(5),
    backoff: retrying(3, 60_000),
    dedupeBy: [],
  },
};
