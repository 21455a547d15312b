import type { RepoConfig } from "../metrics/repo-config.js";
import type { RepositoryKey } from "../records/types.js";
import type { Store } from "../storage/store.js";
import type { PullRequestDocument } from "../storage/models/pull-request.js";
import { derivePullRequests, type ConvertedFields } from "./derive-pull-requests.js";
import { rebuildRollups, weeksToRebuild } from "./rebuild-rollups.js";
import { rollupWeeksOf } from "../metrics/rollup-build.js";
import { unchangedFields } from "../storage/write/unchanged-fields.js";

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

/** A stored PR: where it counts, and (when read whole) its derived fields as stored. */
type Placed = Pick<PullRequestDocument, "number" | "createdAt" | "mergedAt" | "rollupWeeks"> &
  Partial<ConvertedFields>;

/**
 * Writes stored PRs' new derived fields (`derived[i]` is `prs[i]`'s) and rebuilds the rollups of the
 * weeks they count in now or counted in before, once for the batch. A PR whose derived fields are
 * already stored as they are is not written: an update rewrites all of a PR's index entries, and most
 * deliveries (an edit, a comment's text) change no metric. Its rollups are rebuilt all the same, since
 * the record write before may have changed what they read (author, dates).
 */
export async function writeDerived(
  store: Store,
  repo: RepositoryKey,
  prs: readonly Placed[],
  derived: readonly ConvertedFields[],
): Promise<void> {
  // Old and new weeks both, until the old ones are rebuilt: a crash in between leaves them known.
  const weeks = prs.map(weeksToRebuild);
  const changed = prs.flatMap((pr, index) => {
    const fields = { ...derived[index], rollupWeeks: weeks[index].map((week) => new Date(week)) };
    if (unchangedFields(pr, fields)) return [];
    return [{ updateOne: { filter: { ...repo, number: pr.number }, update: { $set: fields } } }];
  });
  if (changed.length > 0) await store.pullRequests.bulkWrite(changed, { ordered: false });
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
