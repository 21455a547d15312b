import { fetchPullRequest, GoneError, readRateLimits, type GitHubClient } from "../../github/index.js";
import type { FetchedPullRequest } from "../../github/index.js";
import type { Store } from "../../storage/store.js";
import { RunAgain, type Processor } from "../job-context.js";
import { storeFetchedPullRequests } from "../persist/store-fetched.js";
import { repoConfigFor } from "../repo-config.js";
import { findRepository, splitFullName } from "../repository-state.js";

/**
 * GraphQL points an open PR's completion leaves untouched (a fifth of the base 5,000 an hour): freshness
 * yields to backfills, syncs and merges, and the scheduled sync fetches what it skipped.
 */
export const OPEN_PR_RESERVE = 1000;
/** When a completion that fell behind a newer delivery runs again. */
const RERUN_DELAY_MS = 10_000;

type PullRequestKey = { installationId: number; repoId: number; number: number };

const storedState = (store: Store, key: PullRequestKey) =>
  store.pullRequests.findOne(key, { state: 1, headSha: 1, updatedAt: 1 }).lean();

/** Below the reserve an open PR waits for the scheduled sync; a merged one is worth the points. */
async function openPrBudgetSpent(client: GitHubClient, reserve: number): Promise<boolean> {
  await readRateLimits(client);
  const window = client.budget.window("graphql");
  return window !== undefined && window.remaining < reserve;
}

/**
 * A delivery stored while the fetch ran (a push, a merge) is newer than what was fetched: the stored PR
 * keeps the delivery's head and state, so its lists need one more fetch.
 */
async function fellBehind(store: Store, key: PullRequestKey, fetched: FetchedPullRequest): Promise<boolean> {
  const now = await storedState(store, key);
  if (!now || now.updatedAt.getTime() <= fetched.pr.updatedAt.getTime()) return false;
  return now.headSha !== fetched.pr.headSha || now.state !== fetched.pr.state;
}

/**
 * A merged PR, an open PR that changed (debounced, see `createSyncHooks`) or one a sync found incomplete:
 * all its lists in one GraphQL query, plus batched queries for the lists past 100, stored with
 * `dataComplete` (commits GitHub no longer lists are removed). A PR, repository or installation that is
 * gone ends the job.
 */
export const completePullRequest: Processor<"complete-pull-request"> = async (run, deps) => {
  const { installationId, repoId, number } = run.payload;
  const repo = await findRepository(deps.store, { installationId, repoId });
  if (!repo) {
    deps.log.info(run.payload, "complete-pull-request: the repository is no longer tracked");
    return;
  }
  const { owner, name } = splitFullName(repo.fullName);
  try {
    const client = await deps.github(installationId);
    const before = await storedState(deps.store, run.payload);
    if (
      before?.state === "open" &&
      (await openPrBudgetSpent(client, deps.openPrReserve ?? OPEN_PR_RESERVE))
    ) {
      deps.log.info(run.payload, "complete-pull-request: open PR skipped below the rate reserve");
      return;
    }
    const fetched = await fetchPullRequest(client, { repoId, owner, repo: name, number });
    await storeFetchedPullRequests(deps.store, [fetched], await repoConfigFor(deps, client, repo));
    if (await fellBehind(deps.store, run.payload, fetched)) {
      throw new RunAgain(
        `${repo.fullName}#${number} changed while it was fetched`,
        new Date(Date.now() + RERUN_DELAY_MS),
      );
    }
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    deps.log.warn(
      { ...run.payload, err: error },
      `complete-pull-request: ${repo.fullName}#${number} is gone`,
    );
  }
};
