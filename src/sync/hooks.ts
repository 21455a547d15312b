import type { Env } from "../config/env.js";
import type { Store } from "../storage/store.js";
import { openPullRequestsOnBranch } from "./open-pull-requests.js";
import { enqueue, type Queue } from "./queue.js";
import type { CompletionTarget, PullRequestRef } from "../records/types.js";

/** OPEN_PR_DEBOUNCE_SECONDS' default, for callers that build the hooks without a parsed environment. */
export const DEFAULT_OPEN_PR_DEBOUNCE_SECONDS = 30;

export interface SyncHooks {
  /** A merged PR gets its complete data (idempotent: a redelivery finds the job already queued). */
  onPullRequestMerged(ref: PullRequestRef): Promise<void>;
  /**
   * An open PR changed (or its head branch was force-pushed): one completion per PR is queued for the
   * debounce's end, and later changes before it runs find that job, so a burst costs one fetch.
   */
  onCompletionNeeded(target: CompletionTarget): Promise<void>;
  /** Repositories an installation started tracking (created, or repositories added) get backfilled. */
  onRepositoriesTracked(installationId: number, repoIds: readonly number[]): Promise<void>;
  /** A changed `.github/mergelens.yml` (already cached): every PR of the repository is recomputed. */
  onRepoConfigChanged(ref: { installationId: number; repoId: number }): Promise<void>;
}

type HooksEnv = Pick<Env, "BACKFILL_DAYS"> & Partial<Pick<Env, "OPEN_PR_DEBOUNCE_SECONDS">>;

/** What webhook handlers (and Lambda) call to hand work to the worker: enqueue only. */
export function createSyncHooks(queue: Queue, env: HooksEnv, store: Store): SyncHooks {
  const debounceMs = (env.OPEN_PR_DEBOUNCE_SECONDS ?? DEFAULT_OPEN_PR_DEBOUNCE_SECONDS) * 1000;
  return {
    async onPullRequestMerged({ installationId, repoId, number }) {
      // The same job kind as an open PR's completion: one waiting for its debounce runs now instead.
      await enqueue(
        queue,
        "complete-pull-request",
        { installationId, repoId, number },
        { bringForward: true },
      );
    },
    async onCompletionNeeded(target) {
      const { installationId, repoId } = target;
      const numbers =
        target.number !== undefined ? [target.number] : await openPullRequestsOnBranch(store, target);
      const at = new Date(Date.now() + debounceMs);
      for (const number of numbers) {
        await enqueue(queue, "complete-pull-request", { installationId, repoId, number }, { at });
      }
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
