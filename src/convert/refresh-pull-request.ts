import type { PullRequestKey } from "../records/types.js";
import type { RepoConfig } from "../metrics/repo-config.js";
import type { Store } from "../storage/store.js";
import { derivePullRequests } from "./derive-pull-requests.js";
import { serialized } from "./serialize.js";

/**
 * The convert step for one PR: recomputes its derived fields from its stored records and writes only
 * those (webhook-owned fields and the sync engine's dataComplete/dataNotes stay as they are). Call it
 * after any write that changes the PR's inputs; a PR not stored yet is left to the sync engine.
 */
export function refreshPullRequest(store: Store, ref: PullRequestKey, config: RepoConfig): Promise<void> {
  const filter = { installationId: ref.installationId, repoId: ref.repoId, number: ref.number };
  return serialized(JSON.stringify(filter), async () => {
    const pr = await store.pullRequests.findOne(filter).lean();
    if (!pr) return;
    const [derived] = await derivePullRequests(store, ref, [pr], config);
    await store.pullRequests.updateOne(filter, { $set: derived });
  });
}
