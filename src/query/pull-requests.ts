import type { PullRequestState } from "../records/types.js";
import type { Store } from "../storage/store.js";
import { exactAnyCase } from "./any-case.js";
import { afterCursor, encodeCursor, type CursorPosition } from "./cursor.js";
import { NotFoundError } from "./errors.js";
import {
  toApiPullRequest,
  viewProjection,
  type ApiPullRequest,
  type PullRequestView,
} from "./pull-request-view.js";
import { configOf, repoConfigs } from "./repo-configs.js";
import { resolveRepository } from "./repositories.js";

export interface ListPullRequestsQuery {
  repo?: string;
  state?: PullRequestState;
  /** Bounds on `createdAt` (when the PR was opened): [since, until). */
  since?: Date;
  until?: Date;
  author?: string;
  limit: number;
  cursor?: CursorPosition;
}

export interface PullRequestPage {
  items: ApiPullRequest[];
  nextCursor: string | null;
}

/**
 * One page of an installation's PRs, newest first by (createdAt, prId). A PR inserted while a client
 * pages through lands before or after the cursor by its own createdAt, so no page repeats or skips one.
 */
export async function listPullRequests(
  store: Store,
  installationId: number,
  query: ListPullRequestsQuery,
): Promise<PullRequestPage> {
  const repo = query.repo ? (await resolveRepository(store, installationId, query.repo)).repo : undefined;
  const createdAt = {
    ...(query.since ? { $gte: query.since } : {}),
    ...(query.until ? { $lt: query.until } : {}),
  };
  const filter = {
    installationId,
    ...(repo ? { repo } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.since || query.until ? { createdAt } : {}),
    ...(query.author ? { "author.login": exactAnyCase(query.author) } : {}),
    ...(query.cursor ? afterCursor(query.cursor) : {}),
  };
  // One extra row tells whether another page exists without a count.
  const rows = await store.pullRequests
    .find(filter, viewProjection)
    .sort({ createdAt: -1, prId: -1 })
    .limit(query.limit + 1)
    .lean<PullRequestView[]>();
  const page = rows.slice(0, query.limit);
  const configs = await repoConfigs(
    store,
    installationId,
    page.map((doc) => doc.repoId),
  );
  const last = page.at(-1);
  return {
    items: page.map((doc) => toApiPullRequest(doc, configOf(configs, doc.repoId).bots)),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, prId: last.prId }) : null,
  };
}

export async function getPullRequest(
  store: Store,
  installationId: number,
  fullName: string,
  number: number,
): Promise<ApiPullRequest> {
  const { repo, repoId } = await resolveRepository(store, installationId, fullName);
  const doc = await store.pullRequests
    .findOne({ installationId, repo, number }, viewProjection)
    .lean<PullRequestView>();
  if (!doc) throw new NotFoundError(`pull request ${repo}#${number} not found`);
  const configs = await repoConfigs(store, installationId, [repoId]);
  return toApiPullRequest(doc, configOf(configs, repoId).bots);
}
