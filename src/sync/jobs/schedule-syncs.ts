import type { Processor, SyncDeps } from "../job-context.js";

/**
 * Queues a sync of every installation that is not suspended (once each: an installation whose sync is
 * still queued or running is skipped). Also what the Lambda schedule calls, with no worker around.
 */
export async function enqueueInstallationSyncs(deps: Pick<SyncDeps, "store" | "enqueue">): Promise<number> {
  const installations = await deps.store.installations
    .find({ suspendedAt: null }, { installationId: 1 })
    .lean();
  let queued = 0;
  for (const { installationId } of installations) {
    if ((await deps.enqueue("sync-installation", { installationId })) === "queued") queued += 1;
  }
  return queued;
}

export const scheduleSyncs: Processor<"schedule-syncs"> = async (_run, deps) => {
  const queued = await enqueueInstallationSyncs(deps);
  deps.log.info({ queued }, "schedule-syncs: installation syncs queued");
};
