import type { Store } from "../storage/store.js";
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

interface OpenKey {
  prId: number;
  createdAt: Date;
  draft: boolean;
}

const oldestFirst = (a: OpenKey, b: OpenKey) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.prId - b.prId;

/**
 * The open PRs that have waited longest. Counting them and finding the oldest needs every open PR on
 * any server without a maintained counter, so the first read takes only three small fields of each (on
 * the index led by installation, repository and state), and the second the listed PRs whole by their
 * ids. The open PRs are what an organisation has in flight, not its history: the cost follows them.
 */
export async function listWaitingPulls(
  store: Store,
  installationId: number,
  query: WaitingPullsQuery,
): Promise<WaitingPulls> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const open = await store.pullRequests
    .find(
      { installationId, ...(repoId === undefined ? {} : { repoId }), state: "open" },
      { _id: 0, prId: 1, createdAt: 1, draft: 1 },
    )
    .lean<OpenKey[]>();
  const ready = open.filter((key) => !key.draft).sort(oldestFirst);
  const listed = ready.slice(0, query.limit).map((key) => key.prId);
  const docs =
    listed.length === 0
      ? []
      : await store.pullRequests
          .find({ installationId, prId: { $in: listed } }, viewProjection)
          .lean<PullRequestView[]>();
  const configs = await repoConfigs(
    store,
    installationId,
    docs.map((doc) => doc.repoId),
  );
  return {
    open: open.length,
    drafts: open.length - ready.length,
    items: docs.sort(oldestFirst).map((doc) => toApiPullRequest(doc, configOf(configs, doc.repoId).bots)),
  };
}
