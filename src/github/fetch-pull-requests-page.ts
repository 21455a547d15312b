import { z } from "zod";
import { completePullRequests } from "./complete-pull-requests.js";
import { GoneError } from "./errors.js";
import { extractPullRequest, type FetchedPullRequest } from "./extract-pull-request.js";
import type { GitHubClient } from "./installation-client.js";
import { PULL_REQUESTS_PAGE } from "./queries/pull-requests-page.js";
import { runQuery } from "./run-query.js";
import { pageInfoSchema, pullRequestNodeSchema, rateLimitSchema } from "./schemas/pull-request-node.js";
import { withShrinkingPageSize } from "./with-shrinking-page-size.js";

/** 21 points a page (see PULL_REQUEST_FIELDS); GitHub allows 100. */
export const DEFAULT_PAGE_SIZE = 50;

const pageSchema = z.object({
  rateLimit: rateLimitSchema,
  repository: z
    .object({
      pullRequests: z.object({ pageInfo: pageInfoSchema, nodes: z.array(pullRequestNodeSchema.nullable()) }),
    })
    .nullable(),
});

export interface PullRequestsPageOptions {
  repoId: number;
  owner: string;
  repo: string;
  /** Where the previous page ended; null or absent for the first page. */
  cursor?: string | null;
  /** Shrinks on a 502/504/timeout; pass the returned `pageSize` with the next cursor. */
  pageSize?: number;
  /** PRs last updated before this are dropped (the list is newest first) and paging ends. */
  updatedSince?: Date;
  timeoutMs?: number;
}

export interface PullRequestsPage {
  items: FetchedPullRequest[];
  nextCursor: string | null;
  hasNextPage: boolean;
  /** The page size that worked: smaller than asked after a 502 or timeout. */
  pageSize: number;
}

/**
 * One page of a repository's pull requests, newest update first, every state, each complete: lists that
 * overflowed the page are finished before extraction, the whole page's together in batched queries. The
 * caller checkpoints `nextCursor` after storing `items`; a RateLimitReservedError mid-page leaves the
 * cursor where it was.
 */
export async function fetchPullRequestsPage(
  client: GitHubClient,
  options: PullRequestsPageOptions,
): Promise<PullRequestsPage> {
  const { owner, repo, updatedSince } = options;
  const { value, pageSize } = await withShrinkingPageSize(
    (size) =>
      runQuery(
        client,
        PULL_REQUESTS_PAGE,
        { owner, name: repo, pageSize: size, cursor: options.cursor ?? null, states: null },
        pageSchema,
        // No plugin-retry at the same size: a page too big to answer in 10 s is retried smaller instead.
        { retries: 0, timeoutMs: options.timeoutMs },
      ),
    { initial: options.pageSize ?? DEFAULT_PAGE_SIZE },
  );
  if (!value.repository)
    throw new GoneError(`Repository ${owner}/${repo} is not visible to the installation`, null);
  const { pageInfo } = value.repository.pullRequests;
  const nodes = value.repository.pullRequests.nodes.filter((node) => node !== null);
  // Older PRs are dropped before completion, so their nested lists cost nothing.
  const wanted = nodes.filter((node) => !(updatedSince && node.updatedAt < updatedSince));
  await completePullRequests(client, wanted);
  const items = wanted.map((node) =>
    extractPullRequest(node, {
      installationId: client.installationId,
      repoId: options.repoId,
      repo: `${owner}/${repo}`,
    }),
  );
  const reachedOlder = wanted.length < nodes.length;
  return {
    items,
    nextCursor: pageInfo.endCursor,
    hasNextPage: pageInfo.hasNextPage && !reachedOlder,
    pageSize,
  };
}
