import { fetchPullRequest, GoneError } from "../../github/index.js";
import type { Processor } from "../job-context.js";
import { storeFetchedPullRequests } from "../persist/store-fetched.js";
import { repoConfigFor } from "../repo-config.js";
import { findRepository, splitFullName } from "../repository-state.js";

/**
 * A merged PR (or one a sync found incomplete): all its lists in one GraphQL query, plus batched
 * queries for the lists past 100, stored with `dataComplete`. A PR, repository or installation that is gone ends the job.
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
    const fetched = await fetchPullRequest(client, { repoId, owner, repo: name, number });
    await storeFetchedPullRequests(deps.store, [fetched], await repoConfigFor(deps, client, repo));
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    deps.log.warn(
      { ...run.payload, err: error },
      `complete-pull-request: ${repo.fullName}#${number} is gone`,
    );
  }
};
