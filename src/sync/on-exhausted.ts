import type { Job } from "agenda";
import { z } from "zod";
import type { SyncDeps } from "./job-context.js";
import { markSyncFailed } from "./repository-state.js";

const refSchema = z
  .object({
    installationId: z.number().optional(),
    repoId: z.number().optional(),
    number: z.number().optional(),
  })
  .catch({});

/**
 * A job out of retries (or failed for good): to Sentry with its installation, repository and name; into
 * the repository's `syncStatus`; and out of the queue, since the queue's unique index would otherwise
 * keep the same work from ever being queued again. Recurring jobs stay: their next run is scheduled.
 */
export async function onRetriesExhausted(
  deps: Pick<SyncDeps, "store" | "reportError">,
  error: Error,
  job: Job<unknown>,
): Promise<void> {
  const name = job.attrs.name;
  const { installationId, repoId, number } = refSchema.parse(job.attrs.data);
  deps.reportError(error, { job: name, installationId, repoId, number, failures: job.attrs.failCount });
  if (installationId !== undefined && repoId !== undefined) {
    const what = number === undefined ? name : `${name} #${number}`;
    await markSyncFailed(deps.store, { installationId, repoId }, `${what}: ${error.message}`);
  } else if (installationId !== undefined) {
    // Repositories the job left mid-sync (it crashed rather than recording their own error).
    await deps.store.repositories.updateMany(
      { installationId, syncStatus: "syncing" },
      { $set: { syncStatus: "error", lastSyncError: `${name}: ${error.message}` } },
    );
  }
  if (!job.attrs.repeatInterval) await job.remove();
}
