/** The sync engine's surface for the entry points: enqueue (webhooks, Lambda, CLI) and process (worker). */
export {
  createQueue,
  enqueue,
  JOBS_COLLECTION,
  type EnqueueResult,
  type Queue,
  type QueueOptions,
} from "./queue.js";
export { jobPayloads, type JobName, type JobPayload } from "./job-definitions.js";
export { createSyncHooks, type SyncHooks } from "./hooks.js";
export { startWorker, type Worker, type WorkerOptions } from "./worker.js";
export { enqueueInstallationSyncs } from "./jobs/schedule-syncs.js";
export { storeFetchedPullRequests, type StoreOutcome } from "./persist/store-fetched.js";
export type { JobRun, SyncDeps } from "./job-context.js";
