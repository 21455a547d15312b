import { refreshRepositoryPullRequests } from "../../convert/refresh-repository.js";
import type { Processor } from "../job-context.js";
import { repoConfigFor } from "../repo-config.js";
import { findRepository } from "../repository-state.js";

/**
 * After `.github/mergelens.yml` changed: every PR of the repository recomputed with the new config (the
 * convert step, in batches). Queued by the push webhook, which must answer GitHub within 10 s.
 * Idempotent, so a run cut short by a dead worker is simply run again.
 */
export const refreshRepositoryMetrics: Processor<"refresh-repository-metrics"> = async (run, deps) => {
  const repo = await findRepository(deps.store, run.payload);
  if (!repo) return;
  // The push handler cached the new config; a fetch happens only if that cache was cleared since.
  const config = await repoConfigFor(deps, await deps.github(repo.installationId), repo);
  await refreshRepositoryPullRequests(deps.store, run.payload, config);
};
