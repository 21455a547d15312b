import { DEFAULT_PAGE_SIZE, GoneError, listPullRequestsUpdatedSince } from "../../github/index.js";
import type { BackfillState } from "../../storage/models/repository.js";
import type { Processor } from "../job-context.js";
import { storeFetchedPullRequests } from "../persist/store-fetched.js";
import { repoConfigFor } from "../repo-config.js";
import { syncDeployments } from "../sync-deployments.js";
import {
  beginBackfill,
  completeBackfill,
  findRepository,
  GONE_MESSAGE,
  markSyncFailed,
  saveBackfillPage,
  splitFullName,
} from "../repository-state.js";

/** How far back in time the pages (newest update first) have reached, as 0–99 until done. */
function progressOf(state: BackfillState, oldestUpdatedAt: Date | undefined): number {
  if (!oldestUpdatedAt) return state.progress;
  const span = state.startedAt.getTime() - state.since.getTime();
  const reached = state.startedAt.getTime() - oldestUpdatedAt.getTime();
  return Math.max(state.progress, Math.min(99, Math.floor((reached / span) * 100)));
}

/**
 * A newly tracked repository's last `days` of PRs, newest update first, each complete, then its
 * deployments created in those days with their statuses. After every stored page of PRs the cursor
 * and page size are saved on the repository, so a killed or paused worker resumes at the next page:
 * nothing fetched twice, nothing skipped.
 */
export const backfillRepository: Processor<"backfill-repository"> = async (run, deps) => {
  const { installationId, repoId, days } = run.payload;
  const ref = { installationId, repoId };
  const repo = await findRepository(deps.store, ref);
  if (!repo) {
    deps.log.info(run.payload, "backfill-repository: the repository is no longer tracked");
    return;
  }
  const { owner, name } = splitFullName(repo.fullName);
  let state = await beginBackfill(deps.store, ref, days, deps.now());
  try {
    const client = await deps.github(installationId);
    const config = await repoConfigFor(deps, client, repo);
    const pages = listPullRequestsUpdatedSince(client, {
      repoId,
      owner,
      repo: name,
      since: state.since,
      cursor: state.cursor,
      pageSize: state.pageSize ?? deps.pageSize ?? DEFAULT_PAGE_SIZE,
    });
    for await (const page of pages) {
      const stored = await storeFetchedPullRequests(deps.store, page.items, config);
      if (stored.removed) {
        // Its data is purged and no page will be stored: the rest would only spend the rate limit.
        deps.log.info(run.payload, `backfill-repository: ${repo.fullName} was removed from the app`);
        return;
      }
      state = {
        ...state,
        cursor: page.nextCursor,
        pageSize: page.pageSize,
        pagesDone: state.pagesDone + 1,
        prsStored: state.prsStored + page.items.length,
        progress: progressOf(state, page.items.at(-1)?.pr.updatedAt),
      };
      await saveBackfillPage(deps.store, ref, state);
      await run.checkpoint(state.progress);
    }
    // Deployments last: a resumed backfill reads them again, which costs a point per 100 and stores nothing twice.
    const window = { createdSince: state.since, changedSince: state.since };
    const deployed = await syncDeployments(deps.store, client, repo, window, () =>
      run.checkpoint(state.progress),
    );
    if (deployed.removed) return;
    await completeBackfill(deps.store, ref, state, deps.now());
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    deps.log.warn({ ...run.payload, err: error }, `backfill-repository: ${repo.fullName} is gone`);
    await markSyncFailed(deps.store, ref, `${GONE_MESSAGE}: ${error.message}`);
  }
};
