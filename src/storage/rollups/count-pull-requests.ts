import type { Store } from "../store.js";
import { openedOf } from "./codec.js";

/**
 * How many PRs each repository of an installation holds, by repository id: every derived PR counts as
 * opened in the rollup of its creation's week, once. A few small documents per repository-week, where
 * counting the PRs themselves reads every one of them on the embedded server (STACK.md).
 */
export async function countPullRequests(store: Store, installationId: number): Promise<Map<number, number>> {
  const rollups = await store.rollups
    .find({ installationId }, { _id: 0, repoId: 1, total: 1 })
    .lean<{ repoId: number; total?: Uint8Array }[]>();
  const counts = new Map<number, number>();
  for (const { repoId, total } of rollups) {
    if (total) counts.set(repoId, (counts.get(repoId) ?? 0) + openedOf(total));
  }
  return counts;
}
