import type { Env } from "../config/env.js";
import { enqueue, type Queue } from "./queue.js";
import type { PullRequestRef } from "../records/types.js";

export interface SyncHooks {
  /** A merged PR gets its complete data (idempotent: a redelivery finds the job already queued). */
  onPullRequestMerged(ref: PullRequestRef): Promise<void>;
  /** Repositories an installation started tracking (created, or repositories added) get backfilled. */
  onRepositoriesTracked(installationId: number, repoIds: readonly number[]): Promise<void>;
  /** A changed `.github/mergelens.yml` (already cached): every PR of the repository is recomputed. */
  onRepoConfigChanged(ref: { installationId: number; repoId: number }): Promise<void>;
}

/** What webhook handlers (and Lambda) call to hand work to the worker: enqueue only. */
export function createSyncHooks(queue: Queue, env: Pick<Env, "BACKFILL_DAYS">): SyncHooks {
  return {
    async onPullRequestMerged({ installationId, repoId, number }) {
      await enqueue(queue, "complete-pull-request", { installationId, repoId, number });
    },
    async onRepositoriesTracked(installationId, repoIds) {
      for (const repoId of repoIds) {
        await enqueue(queue, "backfill-repository", { installationId, repoId, days: env.BACKFILL_DAYS });
      }
    },
    async onRepoConfigChanged({ installationId, repoId }) {
      await enqueue(queue, "refresh-repository-metrics", { installationId, repoId });
    },
  };
}
