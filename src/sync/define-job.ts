import type { Agenda, Job } from "agenda";
import { z } from "zod";
import { RateLimitReservedError } from "../github/index.js";
import { isDatabaseUnavailable } from "../storage/unavailable.js";
import { JobPaused, RunAgain, type JobRun, type Processor, type SyncDeps } from "./job-context.js";
import {
  jobOptions,
  jobPayloads,
  PermanentJobError,
  type JobName,
  type JobPayload,
} from "./job-definitions.js";

export interface DefineContext {
  deps: SyncDeps;
  /** Aborted when the worker stops: processors pause at their next checkpoint. */
  stopping: AbortSignal;
  /** Overrides every job's lock lifetime (tests). */
  lockLifetimeMs?: number;
}

/** How soon a job that lost the database tries again: soon after a blip, without spinning through one. */
export const DATABASE_RETRY_MS = 5_000;

/** When the job should run again instead of failing, or null for a real failure. */
function resumeAt(error: unknown): Date | null {
  if (error instanceof RateLimitReservedError) return error.resetAt;
  if (error instanceof JobPaused) return new Date();
  // Agenda's backoff (a minute, then four) would hold the work long after the database is back.
  if (isDatabaseUnavailable(error)) return new Date(Date.now() + DATABASE_RETRY_MS);
  if (error instanceof RunAgain) return error.at;
  return null;
}

/**
 * Registers a processor with Agenda under the job's options. The payload is validated again (a job
 * document may predate a schema change). A rate limit or a shutdown is not a failure: the job resumes
 * from its last checkpoint, rescheduled for the reset (or at once, for another worker) without using up a
 * retry; so are a database that stopped answering (the job tries again in a few seconds) and a
 * processor asking to run again (`RunAgain`). Anything else goes to Agenda's backoff.
 */
export function defineJob<N extends JobName>(
  agenda: Agenda,
  name: N,
  processor: Processor<N>,
  context: DefineContext,
): void {
  const options = jobOptions[name];
  const pause = (job: Job<unknown>, at: Date, fields: Record<string, unknown>) => {
    job.schedule(at);
    context.deps.log.info(fields, `${name}: paused, resumes at ${at.toISOString()}`);
  };
  const process = async (job: Job<unknown>): Promise<void> => {
    // Agenda's drain() still starts a job it locked earlier once a running one ends: hand it back untouched.
    if (context.stopping.aborted) {
      pause(job, new Date(), { job: name, reason: "the worker is stopping" });
      return;
    }
    const parsed = jobPayloads[name].safeParse(job.attrs.data);
    if (!parsed.success)
      throw new PermanentJobError(`${name}: bad payload: ${z.prettifyError(parsed.error)}`);
    const run: JobRun<JobPayload<N>> = {
      payload: parsed.data as JobPayload<N>,
      attempt: job.attrs.failCount ?? 0,
      checkpoint: async (progress) => {
        if (context.stopping.aborted) throw new JobPaused(`${name} paused: the worker is stopping`);
        await job.touch(progress);
      },
    };
    try {
      await processor(run, context.deps);
    } catch (error) {
      const at = resumeAt(error);
      if (!at || !(error instanceof Error)) throw error;
      pause(job, at, { job: name, ...run.payload, reason: error.message });
    }
  };
  agenda.define(name, process, {
    concurrency: options.concurrency,
    // Without a lock limit one worker would lock every due job and leave none to the others.
    lockLimit: options.concurrency,
    lockLifetime: context.lockLifetimeMs ?? options.lockLifetime,
    backoff: options.backoff,
  });
}
