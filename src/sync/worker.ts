import type { Logger } from "pino";
import type { Probot } from "probot";
import type { Env } from "../config/env.js";
import { loadRepoConfigFile } from "../convert/load-repo-config.js";
import { getInstallationClient, type InstallationOctokit } from "../github/index.js";
import type { Store } from "../storage/store.js";
import { isDuplicateKeyError } from "../storage/write/upsert-if-newer.js";
import { defineJob, type DefineContext } from "./define-job.js";
import { JobPaused, type Processor, type SyncDeps } from "./job-context.js";
import type { JobName } from "./job-definitions.js";
import { backfillRepository } from "./jobs/backfill-repository.js";
import { completePullRequest } from "./jobs/complete-pull-request.js";
import { redeliverFailedWebhooks } from "./jobs/redeliver-failed-webhooks.js";
import { refreshRepositoryMetrics } from "./jobs/refresh-repository-metrics.js";
import { scheduleSyncs } from "./jobs/schedule-syncs.js";
import { syncInstallation } from "./jobs/sync-installation.js";
import { onRetriesExhausted } from "./on-exhausted.js";
import { enqueue, type Queue } from "./queue.js";
import { startOrphanSweeper, type OrphanSweeperOptions } from "./release-orphaned-locks.js";

export interface WorkerOptions {
  queue: Queue;
  store: Store;
  /** For installation tokens and the app's JWT; built with `Octokit: createOctokitClass()`. */
  app: Probot;
  env: Pick<Env, "BACKFILL_DAYS" | "SYNC_SCHEDULE">;
  log: Logger;
  reportError: SyncDeps["reportError"];
  loadRepoConfig?: SyncDeps["loadRepoConfig"];
  /** Requests or points kept back each hour for webhooks and other jobs (the access layer's default). */
  rateReserve?: number;
  pageSize?: SyncDeps["pageSize"];
  /** Overrides every job's lock lifetime, e.g. so tests see a dead worker's job taken over soon. */
  lockLifetimeMs?: number;
  /**
   * How long `stop()` lets running jobs go on to their next checkpoint (a page nearly fetched is then
   * stored, not fetched again by the next worker) before it interrupts their GitHub calls.
   */
  stopGraceMs?: number;
  /** How long `stop()` waits in all; a job still running then keeps its lock until `lockLifetime`. */
  drainTimeoutMs?: number;
  /** How this worker hands back jobs whose end a database outage kept it from saving. */
  orphanSweep?: OrphanSweeperOptions;
}

export interface Worker {
  /** What the processors are given (the bench and tests run a processor directly with it). */
  deps: SyncDeps;
  /**
   * Takes no new jobs; running ones finish or pause at their next checkpoint, or after `stopGraceMs` at
   * their next GitHub call, and are released at once for another worker.
   */
  stop(): Promise<void>;
}

const DEFAULT_STOP_GRACE_MS = 10_000;
const DEFAULT_DRAIN_TIMEOUT_MS = 25_000;

/** Resolves or rejects as `promise` does, or rejects with the signal's reason as soon as it aborts. */
function unlessAborted<T>(promise: T | Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    // The answer of an interrupted call is dropped (and its failure handled here, not left unhandled).
    Promise.resolve(promise)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Once `signal` aborts, every GitHub call of a wrapped Octokit ends with JobPaused: a call not yet sent at
 * once, one in flight (or waiting in the throttling queue) without waiting for its answer. Safe because
 * jobs checkpoint only what they stored: an interrupted page is fetched again by the next worker.
 */
function interrupter(signal: AbortSignal): (octokit: InstallationOctokit) => InstallationOctokit {
  // app.auth() answers the same app-level Octokit every time: each is wrapped once.
  const wrapped = new WeakSet<InstallationOctokit>();
  return (octokit) => {
    if (wrapped.has(octokit)) return octokit;
    wrapped.add(octokit);
    // Registered last, so it wraps throttling, retries and the client's own hooks.
    octokit.hook.wrap("request", async (request, options) => {
      signal.throwIfAborted();
      return await unlessAborted(request(options), signal);
    });
    return octokit;
  };
}

const PROCESSORS: { [N in JobName]: Processor<N> } = {
  "complete-pull-request": completePullRequest,
  "backfill-repository": backfillRepository,
  "sync-installation": syncInstallation,
  "refresh-repository-metrics": refreshRepositoryMetrics,
  "schedule-syncs": scheduleSyncs,
  "redeliver-failed-webhooks": redeliverFailedWebhooks,
};

const define = <N extends JobName>(queue: Queue, name: N, context: DefineContext) =>
  defineJob(queue.agenda, name, PROCESSORS[name], context);

/**
 * Saves a recurring job unless it is already saved with the same interval: re-saving would clear the
 * lock of a run in progress on another worker. Two workers starting together race on the unique index.
 */
async function every(queue: Queue, interval: string, name: "schedule-syncs" | "redeliver-failed-webhooks") {
  const saved = await queue.jobs.findOne({ name, type: "single" }, { projection: { repeatInterval: 1 } });
  if (saved?.repeatInterval === interval) return;
  try {
    // skipImmediate: the hourly redelivery first runs an hour after the first start, not during it.
    await queue.agenda.every(interval, name, {}, { timezone: "UTC", skipImmediate: true });
  } catch (error) {
    if (isDuplicateKeyError(error)) return;
    // The embedded server can also answer the losing upsert with no document, which Agenda's backend
    // asserts against: if the winner's job is saved, the race is all it was.
    if (await queue.jobs.findOne({ name, type: "single" }, { projection: { _id: 1 } })) return;
    throw error;
  }
}

/** Defines every job, schedules the recurring ones and starts processing (`npm run worker`, `npm start`). */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { queue, app, log } = options;
  const stopping = new AbortController();
  const interrupting = new AbortController();
  const interruptible = interrupter(interrupting.signal);
  const deps: SyncDeps = {
    store: options.store,
    github: async (installationId) => {
      const client = await getInstallationClient(app, installationId, { reserve: options.rateReserve });
      interruptible(client.octokit);
      return client;
    },
    appOctokit: async () => interruptible(await app.auth()),
    loadRepoConfig: options.loadRepoConfig ?? loadRepoConfigFile,
    enqueue: (name, payload) => enqueue(queue, name, payload),
    reportError: options.reportError,
    log,
    backfillDays: options.env.BACKFILL_DAYS,
    pageSize: options.pageSize,
    now: () => new Date(),
  };
  const context = { deps, stopping: stopping.signal, lockLifetimeMs: options.lockLifetimeMs };
  for (const name of Object.keys(PROCESSORS) as JobName[]) define(queue, name, context);

  const exhausting = new Set<Promise<void>>();
  queue.agenda.on("retry exhausted", (error, job) => {
    const handled = onRetriesExhausted(deps, error, job)
      .catch((failure: unknown) =>
        log.error({ err: failure, job: job.attrs.name }, "could not record a dead job"),
      )
      .finally(() => exhausting.delete(handled));
    exhausting.add(handled);
  });
  queue.agenda.on("fail", (error, job) => {
    log.warn({ err: error, job: job.attrs.name, data: job.attrs.data }, `${job.attrs.name} failed`);
  });

  await every(queue, options.env.SYNC_SCHEDULE, "schedule-syncs");
  await every(queue, "1 hour", "redeliver-failed-webhooks");
  await queue.agenda.start();
  const sweeper = startOrphanSweeper(queue, log, options.orphanSweep);
  return {
    deps,
    async stop() {
      sweeper.stop();
      stopping.abort();
      const interrupt = () => interrupting.abort(new JobPaused("interrupted: the worker is stopping"));
      const grace = setTimeout(interrupt, options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
      // A paused job is rescheduled and its lock released as Agenda ends the run. drain() also ends the
      // processor (a later agenda.stop() would find nothing to stop); a job still running after the
      // timeout keeps its lock until lockLifetime, then another worker resumes it.
      const drained = await queue.agenda.drain(options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
      clearTimeout(grace);
      // Whatever still runs stops calling GitHub.
      interrupt();
      if (drained.timedOut) log.warn({ running: drained.running }, "worker stopped with jobs still running");
      await Promise.all(exhausting);
    },
  };
}
