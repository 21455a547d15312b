import type { RepoConfig } from "../metrics/repo-config.js";
import type { RepositoryKey } from "../records/types.js";
import type { Store } from "../storage/store.js";
import type { PullRequestDocument } from "../storage/models/pull-request.js";
import { derivePullRequests, type ConvertedFields } from "./derive-pull-requests.js";
import { rebuildRollups, weeksToRebuild } from "./rebuild-rollups.js";
import { rollupWeeksOf } from "../metrics/rollup-build.js";

/**
 * The convert step for a batch of one repository's PRs: one read per kind of record
 * (`derivePullRequests`), one bulk write of the derived fields only, then the rollups of every week the
 * PRs count in (or counted in before) rebuilt once. PRs not stored are skipped. Every path that changes
 * a PR's derived fields comes here (inbox, sync, completion) or to `refreshRepositoryPullRequests`.
 */
export async function refreshPullRequests(
  store: Store,
  repo: RepositoryKey,
  numbers: readonly number[],
  config: RepoConfig,
): Promise<void> {
  if (numbers.length === 0) return;
  const prs = await store.pullRequests.find({ ...repo, number: { $in: [...numbers] } }).lean();
  if (prs.length === 0) return;
  await writeDerived(store, repo, prs, await derivePullRequests(store, repo, prs, config));
}

type Placed = Pick<PullRequestDocument, "number" | "createdAt" | "mergedAt" | "rollupWeeks">;

/**
 * Writes stored PRs' new derived fields (`derived[i]` is `prs[i]`'s) and rebuilds the rollups of the
 * weeks they count in now or counted in before, once for the batch.
 */
export async function writeDerived(
  store: Store,
  repo: RepositoryKey,
  prs: readonly Placed[],
  derived: readonly ConvertedFields[],
): Promise<void> {
  // Old and new weeks both, until the old ones are rebuilt: a crash in between leaves them known.
  const weeks = prs.map(weeksToRebuild);
  await store.pullRequests.bulkWrite(
    prs.map((pr, index) => ({
      updateOne: {
        filter: { ...repo, number: pr.number },
        update: { $set: { ...derived[index], rollupWeeks: weeks[index].map((week) => new Date(week)) } },
      },
    })),
    { ordered: false },
  );
  await rebuildRollups(store, repo, weeks.flat());
  const moved = prs.filter((pr, index) => rollupWeeksOf(pr).length !== weeks[index].length);
  if (moved.length === 0) return;
  await store.pullRequests.bulkWrite(
    moved.map((pr) => ({
      updateOne: {
        filter: { ...repo, number: pr.number },
        update: { $set: { rollupWeeks: rollupWeeksOf(pr).map((week) => new Date(week)) } },
      },
    })),
    { ordered: false },
  );
}
