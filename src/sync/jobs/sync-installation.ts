import { GoneError, listInstallationRepositories, RateLimitReservedError } from "../../github/index.js";
import { JobPaused, type Processor } from "../job-context.js";
import { reconcileRepositories } from "../reconcile-repositories.js";
import { GONE_MESSAGE, markSyncFailed } from "../repository-state.js";
import { syncRepository } from "../sync-repository.js";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The scheduled sync of one installation: reconciles its repositories with GitHub's list, backfills
 * those never backfilled, and brings every other one up to date. One repository failing does not stop
 * the others; the job then fails so Agenda retries it, and a retry syncs only the repositories that are
 * not `complete`. Watermarks only move on success, so a repository skipped now loses nothing.
 */
export const syncInstallation: Processor<"sync-installation"> = async (run, deps) => {
  const { installationId } = run.payload;
  const installation = await deps.store.installations.findOne({ installationId }).lean();
  if (installation?.suspendedAt) {
    deps.log.info(run.payload, "sync-installation: the installation is suspended");
    return;
  }
  let client;
  try {
    client = await deps.github(installationId);
    // The wall clock, not deps.now(): it is compared with when deliveries' adds and removals applied.
    const listedAt = new Date();
    await reconcileRepositories(
      deps.store,
      installationId,
      await listInstallationRepositories(client),
      listedAt,
    );
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    deps.log.warn({ ...run.payload, err: error }, "sync-installation: the installation is gone");
    return;
  }
  const repos = await deps.store.repositories.find({ installationId }).sort({ fullName: 1 }).lean();
  const failed: string[] = [];
  for (const repo of repos) {
    const ref = { installationId, repoId: repo.repoId };
    const backfilled = repo.backfill?.completedAt ? { ...repo, backfill: repo.backfill } : null;
    if (!backfilled) {
      await deps.enqueue("backfill-repository", { ...ref, days: deps.backfillDays });
      continue;
    }
    if (run.attempt > 0 && repo.syncStatus === "complete") continue;
    try {
      await syncRepository(run, deps, client, backfilled);
    } catch (error) {
      // Stopping points for the whole job: it is rescheduled and resumes.
      if (error instanceof RateLimitReservedError || error instanceof JobPaused) throw error;
      const gone = error instanceof GoneError;
      const message = gone ? `${GONE_MESSAGE}: ${error.message}` : messageOf(error);
      await markSyncFailed(deps.store, ref, message);
      if (!gone) failed.push(`${repo.fullName}: ${message}`);
    }
  }
  if (failed.length > 0) {
    throw new Error(`sync failed for ${failed.length} of ${repos.length} repositories: ${failed.join("; ")}`);
  }
};
