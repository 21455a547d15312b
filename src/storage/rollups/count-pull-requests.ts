import type { Store } from "../store.js";

/**
 * How many PRs each repository of an installation holds, by repository id: every derived PR counts as
 * opened in the rollup of its creation's week, once (rollups of an earlier layout, without `opened`, are
 * rebuilt when a worker starts). A few small documents per repository-week, where
 * counting the PRs themselves reads every one of them on the embedded server (STACK.md).
 */
export async function countPullRequests(store: Store, installationId: number): Promise<Map<number, number>> {
  const rollups = await store.rollups
    .find({ installationId }, { _id: 0, repoId: 1, opened: 1 })
    .lean<{ repoId: number; opened?: number }[]>();
  const counts = new Map<number, number>();
  for (const { repoId, opened } of rollups) counts.set(repoId, (counts.get(repoId) ?? 0) + (opened ?? 0));
  return counts;
}
