import { rebuildRollups } from "../../src/convert/rebuild-rollups.js";
import { rollupWeeksOf } from "../../src/metrics/rollup-build.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import type { Store } from "../../src/storage/store.js";

type Stored = Pick<PullRequestDocument, "installationId" | "repoId" | "createdAt" | "mergedAt">;

/**
 * The rollups of the weeks these PRs count in, rebuilt as the convert step would after storing them:
 * for fixtures that insert PR documents directly.
 */
export async function rebuildRollupsOf(store: Store, prs: readonly Stored[]): Promise<void> {
  const byRepo = new Map<string, { installationId: number; repoId: number; weeks: number[] }>();
  for (const pr of prs) {
    const key = `${pr.installationId}/${pr.repoId}`;
    const repo = byRepo.get(key) ?? { installationId: pr.installationId, repoId: pr.repoId, weeks: [] };
    repo.weeks.push(...rollupWeeksOf(pr));
    byRepo.set(key, repo);
  }
  for (const { weeks, ...repo } of byRepo.values()) await rebuildRollups(store, repo, weeks);
}
