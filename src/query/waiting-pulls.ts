import { readWeekCounts } from "../storage/rollups/read-week-counts.js";
import type { Store } from "../storage/store.js";
import { openTotals } from "./counted-days.js";
import { readOldestReady } from "./oldest-ready.js";
import {
  toApiPullRequest,
  viewProjection,
  type ApiPullRequest,
  type PullRequestView,
} from "./pull-request-view.js";
import { configOf, repoConfigs } from "./repo-configs.js";
import { resolveRepository } from "./repositories.js";

export interface WaitingPullsQuery {
  repo?: string;
  limit: number;
}

/** What the dashboard's "waiting longest" table shows: the open PRs, counted, and the oldest ready ones. */
export interface WaitingPulls {
  /** Open PRs, drafts included. */
  open: number;
  /** Of those, drafts: nobody is expected to act on them yet, so they are not listed. */
  drafts: number;
  /** The `limit` open PRs that are not drafts and were opened first, oldest first by (createdAt, prId). */
  items: ApiPullRequest[];
}

/**
 * The open PRs that have waited longest. The counts come from the rollups' per-day counts (a small
 * document per installation-week); the oldest are then read in windows of `createdAt` from the first
 * day with any, on the index led by installation[, repository] and state: about `limit` PRs read, not
 * every open one.
 */
export async function listWaitingPulls(
  store: Store,
  installationId: number,
  query: WaitingPullsQuery,
): Promise<WaitingPulls> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const totals = openTotals(await readWeekCounts(store, installationId), repoId);
  const scope = { installationId, ...(repoId === undefined ? {} : { repoId }), state: "open" as const };
  const docs = await readOldestReady(
    (createdAt) =>
      store.pullRequests
        .find({ ...scope, createdAt }, viewProjection)
        .lean<PullRequestView[]>()
        .exec(),
    totals.days,
    query.limit,
  );
  const configs = await repoConfigs(
    store,
    installationId,
    docs.map((doc) => doc.repoId),
  );
  return {
    open: totals.open,
    drafts: totals.drafts,
    items: docs.map((doc) => toApiPullRequest(doc, configOf(configs, doc.repoId).bots)),
  };
}
