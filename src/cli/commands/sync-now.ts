import { z } from "zod";
import { resolveInstallation } from "../../query/installations.js";
import { findRepositoryInstallation } from "../../query/repositories.js";
import { enqueue } from "../../sync/index.js";
import type { Store } from "../../storage/store.js";
import type { CliContext } from "../context.js";
import { parseOptions, UsageError } from "../errors.js";
import { countOf } from "../output.js";
import { followJobs, openQueue, timeoutMessage, timeoutSchema, type WaitOptions } from "../follow.js";

export interface SyncNowOptions extends WaitOptions {
  repo?: string;
  installation?: string;
}

const syncNowSchema = z.object({ timeout: timeoutSchema });

const syncJob = (installationId: number) => ({
  name: "sync-installation",
  "data.installationId": installationId,
});

async function activeInstallations(store: Store): Promise<number[]> {
  const docs = await store.installations.find({ suspendedAt: null }, { installationId: 1 }).lean();
  return docs.map((doc) => doc.installationId).sort((a, b) => a - b);
}

/**
 * Queues `sync-installation` (an incremental sync of every repository of the installation) for one
 * installation, the one holding `--repo`, or every active one, then follows it until the worker is done.
 */
export async function syncNow(ctx: CliContext, options: SyncNowOptions): Promise<void> {
  const { timeout } = parseOptions(syncNowSchema, { timeout: options.timeout });
  if (options.repo && options.installation) throw new UsageError("give --repo or --installation, not both");
  const store = await ctx.store();
  const target = options.repo ? await findRepositoryInstallation(store, options.repo) : undefined;
  const installationIds = target
    ? [target.installationId]
    : options.installation
      ? [await resolveInstallation(store, options.installation)]
      : await activeInstallations(store);
  if (installationIds.length === 0) throw new Error("no active installation to sync: install the app first");
  const queue = await openQueue(store.db);
  for (const installationId of installationIds) {
    const result = await enqueue(queue, "sync-installation", { installationId });
    const what = target
      ? `sync of installation ${installationId} (all its repositories, ${target.repo} among them)`
      : `sync of installation ${installationId}`;
    ctx.stdout.write(result === "queued" ? `${what} queued\n` : `${what} already queued or running\n`);
  }
  if (!options.wait) return;
  const scope = target
    ? { installationId: target.installationId, repoId: target.repoId }
    : { installationId: { $in: installationIds } };
  const total = installationIds.length;
  const outcome = await followJobs(ctx, {
    queue,
    jobs: installationIds.map(syncJob),
    total,
    timeoutMinutes: timeout,
    progress: async (live) => {
      if (target) {
        const doc = await store.repositories.findOne(scope, { syncStatus: 1 }).lean();
        return {
          value: total - live,
          text: `${target.repo}: ${live > 0 ? (doc?.syncStatus ?? "gone") : "done"}`,
        };
      }
      const syncing = await store.repositories.countDocuments({ ...scope, syncStatus: "syncing" });
      return {
        value: total - live,
        text: `${total - live}/${total} installations done, ${countOf(syncing, "repo")} syncing`,
      };
    },
  });
  const what = target ? `the sync of ${target.repo}` : "the sync";
  if (outcome === "timeout") throw new Error(timeoutMessage(what, timeout));
  // The outcome of every repository synced, not only --repo's: the job syncs the whole installation.
  const repos = await store.repositories
    .find({ installationId: { $in: installationIds } }, { fullName: 1, syncStatus: 1, lastSyncError: 1 })
    .lean();
  const failed = repos.filter((repo) => repo.syncStatus !== "complete");
  const among = target ? `, ${target.repo} among them` : "";
  if (failed.length === 0) {
    ctx.stdout.write(`sync complete: ${countOf(repos.length, "repository", "repositories")}${among}\n`);
    return;
  }
  const lines = failed.map(
    (repo) => `  ${repo.fullName}: ${repo.lastSyncError ?? `status ${repo.syncStatus}`}`,
  );
  throw new Error(
    `sync failed for ${failed.length} of ${countOf(repos.length, "repository", "repositories")}; see the ` +
      `worker's log, fix the cause and run \`mergelens sync now\` again:\n${lines.join("\n")}`,
  );
}
