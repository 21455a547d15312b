import { ROLLUP_LAYOUT } from "../storage/models/rollup.js";
import type { Store } from "../storage/store.js";
import { mergeInstallationWeeks } from "../storage/rollups/merge-installation-weeks.js";
import { rebuildRollups } from "./rebuild-rollups.js";

/**
 * Rebuilds, from their PRs, the rollups stored in an older layout (before an upgrade): a worker does
 * it when it starts, so reads never meet a layout they cannot decode. Returns the rollups rebuilt.
 * Reads every rollup's key once: a few thousand small documents for a year of a large organisation.
 */
export async function upgradeRollups(store: Store): Promise<number> {
  const stale = await store.rollups
    .find({ layout: { $ne: ROLLUP_LAYOUT } }, { _id: 0, installationId: 1, repoId: 1, week: 1 })
    .lean();
  const byRepo = new Map<string, { installationId: number; repoId: number; weeks: number[] }>();
  for (const { installationId, repoId, week } of stale) {
    const key = `${installationId}:${repoId}`;
    const repo = byRepo.get(key) ?? { installationId, repoId, weeks: [] };
    repo.weeks.push(week.getTime());
    byRepo.set(key, repo);
  }
  const byInstallation = new Map<number, number[]>();
  for (const { weeks, ...repo } of byRepo.values()) {
    await rebuildRollups(store, repo, weeks, { mergeInstallation: false });
    byInstallation.set(repo.installationId, [...(byInstallation.get(repo.installationId) ?? []), ...weeks]);
  }
  for (const [installationId, weeks] of byInstallation)
    await mergeInstallationWeeks(store, installationId, weeks);
  // Installation-weeks of layout 6 held their sums themselves; they are in `week_slices` now.
  if (stale.length > 0)
    await store.weekRollups.collection.updateMany(
      {},
      { $unset: { total: "", authors: "", reviewers: "", merges: "" } },
    );
  return stale.length;
}
