import type { RepoConfig } from "../metrics/repo-config.js";
import type { RepositoryKey } from "../records/types.js";
import type { Store } from "../storage/store.js";
import { derivePullRequests } from "./derive-pull-requests.js";

/**
 * The convert step for a batch of one repository's PRs: one read per kind of record
 * (`derivePullRequests`) and one bulk write of the derived fields only. PRs not stored are skipped.
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
  const derived = await derivePullRequests(store, repo, prs, config);
  await store.pullRequests.bulkWrite(
    prs.map((pr, index) => ({
      updateOne: { filter: { ...repo, number: pr.number }, update: { $set: derived[index] } },
    })),
    { ordered: false },
  );
}
