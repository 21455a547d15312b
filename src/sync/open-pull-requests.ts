import type { Store } from "../storage/store.js";

/**
 * The stored open PRs whose head is `headRef` (a forced push names the branch, not the PR). The filter
 * rides the `installationId, state, repo` index and the branch is matched here: a repository has few
 * open PRs, and a condition on `headRef` would make the embedded server scan every PR.
 */
export async function openPullRequestsOnBranch(
  store: Store,
  target: { installationId: number; repo: string; repoId: number; headRef: string },
): Promise<number[]> {
  const open = await store.pullRequests
    .find(
      { installationId: target.installationId, state: "open", repo: target.repo },
      { number: 1, headRef: 1, repoId: 1 },
    )
    .lean();
  return open
    .filter((pr) => pr.headRef === target.headRef && pr.repoId === target.repoId)
    .map((pr) => pr.number);
}
