import type { RepoConfig } from "../metrics/repo-config.js";
import type { Store } from "../storage/store.js";
import { derivePullRequests, type StoredPullRequest } from "./derive-pull-requests.js";
import type { RepositoryKey } from "../records/types.js";
import { rollupWeeksOf } from "../metrics/rollup-build.js";
import { rebuildRollups, weeksToRebuild } from "./rebuild-rollups.js";

export interface RefreshProgress {
  done: number;
  total: number;
}

const BATCH_SIZE = 200;

/**
 * The convert step for every PR of a repository, e.g. after its config changed or for `mergelens
 * recompute`. Streams the PRs in batches (memory stays flat on large repositories) and writes each batch
 * with one bulk write, then rebuilds every rollup of the repository: the weeks its PRs count in, and
 * any rollup stored for another week (left by data stored before rollups, or a bug fixed since).
 */
export async function refreshRepositoryPullRequests(
  store: Store,
  ref: RepositoryKey,
  config: RepoConfig,
  onProgress?: (progress: RefreshProgress) => void,
): Promise<void> {
  const scope = { installationId: ref.installationId, repoId: ref.repoId };
  const total = await store.pullRequests.countDocuments(scope);
  let done = 0;
  let batch: StoredPullRequest[] = [];
  const weeks = new Set<number>();

  const flush = async () => {
    const derived = await derivePullRequests(store, ref, batch, config);
    await store.pullRequests.bulkWrite(
      batch.map((pr, index) => ({
        updateOne: {
          filter: { ...scope, number: pr.number },
          update: {
            $set: { ...derived[index], rollupWeeks: rollupWeeksOf(pr).map((week) => new Date(week)) },
          },
        },
      })),
      { ordered: false },
    );
    for (const pr of batch) for (const week of weeksToRebuild(pr)) weeks.add(week);
    done += batch.length;
    batch = [];
    onProgress?.({ done, total: Math.max(total, done) });
  };

  const cursor = store.pullRequests.find(scope).sort({ number: 1 }).lean().cursor({ batchSize: BATCH_SIZE });
  for await (const pr of cursor) {
    batch.push(pr);
    if (batch.length === BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  const stored = await store.rollups.find(scope, { _id: 0, week: 1 }).lean();
  for (const { week } of stored) weeks.add(week.getTime());
  await rebuildRollups(store, ref, weeks);
}
