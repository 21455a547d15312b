import type { PullRequestState } from "../records/types.js";
import type { Store } from "../storage/store.js";
import { ANY_CASE } from "../storage/models/any-case.js";
import { encodeCursor, type CursorPosition } from "./cursor.js";
import { NotFoundError } from "./errors.js";
import { openedDays } from "./counted-days.js";
import { listNewestFirst } from "./newest-first.js";
import { lowerFromCounts, paceOf, type DayCount } from "./window-span.js";
import { readWeekCounts } from "../storage/rollups/read-week-counts.js";
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

/** The equality filters of a list, each an index's prefix after `installationId` (see the PR model). */
interface ListEqualities {
  repoId?: number;
  state?: PullRequestState;
  author?: string;
}

/**
 * Which index serves a list: its equalities, the filters left to check on what it returns, and the
 * collation it needs. An author has few PRs, so the author's index serves any other filter beside it.
 */
function listPlan(equal: ListEqualities) {
  if (equal.author !== undefined) {
    const { author, ...rest } = equal;
    const keep = (doc: PullRequestView) =>
      (rest.repoId === undefined || doc.repoId === rest.repoId) &&
      (rest.state === undefined || doc.state === rest.state);
    const residual = rest.repoId !== undefined || rest.state !== undefined;
    return { filter: { "author.login": author }, collation: ANY_CASE, keep: residual ? keep : undefined };
  }
  return {
    filter: {
      ...(equal.repoId === undefined ? {} : { repoId: equal.repoId }),
      ...(equal.state === undefined ? {} : { state: equal.state }),
    },
    collation: undefined,
    keep: undefined,
  };
}

/**
 * One page of an installation's PRs, newest first by (createdAt, prId). A PR inserted while a client
 * pages through lands before or after the cursor by its own createdAt, so no page repeats or skips one.
 * The repository's name is resolved to its id first; every read is one range of an index.
 */
export async function listPullRequests(
  store: Store,
  installationId: number,
  query: ListPullRequestsQuery,
  now: Date = new Date(),
): Promise<PullRequestPage> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const plan = listPlan({ repoId, state: query.state, author: query.author });
  // A first page has no pace to size its window from: the stored counts per day tell how far back a page reaches.
  const days: DayCount[] = query.cursor
    ? []
    : openedDays(await readWeekCounts(store, installationId), repoId);
  // One extra row tells whether another page exists without a count.
  const rows = await listNewestFirst<PullRequestView>({
    read: (createdAt, limit) => {
      const find = store.pullRequests
        .find({ installationId, ...plan.filter, createdAt }, viewProjection)
        .sort({ createdAt: -1, prId: -1 });
      if (plan.collation) find.collation(plan.collation);
      if (limit !== undefined) find.limit(limit);
      return find.lean<PullRequestView[]>();
    },
    keep: plan.keep,
    count: query.limit + 1,
    after: query.cursor,
    firstLower: (top) =>
      lowerFromCounts(
        days.filter((day) => day.start < top),
        top,
        query.limit + 1,
      ),
    since: query.since,
    until: query.until,
    now,
  });
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
      rows.length > query.limit && last
        ? encodeCursor({
            createdAt: last.createdAt,
            prId: last.prId,
            paceMs: paceOf(rows.map((doc) => doc.createdAt)),
          })
        : null,
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
    .findOne({ installationId, repoId, number }, viewProjection)
    .lean<PullRequestView>();
  if (!doc) throw new NotFoundError(`pull request ${repo}#${number} not found`);
  const configs = await repoConfigs(store, installationId, [repoId]);
  return toApiPullRequest(doc, configOf(configs, repoId).bots);
}
