import {
  fetchPullRequestsPage,
  type PullRequestsPage,
  type PullRequestsPageOptions,
} from "./fetch-pull-requests-page.js";
import type { GitHubClient } from "./installation-client.js";

/**
 * Pages of pull requests updated at or after `since`, every state (open, closed and merged), each complete,
 * newest first; paging stops at the first older PR. Backfill is the same with `since` = now − days.
 * Yields page by page so the job stores and checkpoints `nextCursor` (and `pageSize`) as it goes, and memory
 * stays one page whatever the repository's size.
 */
export async function* listPullRequestsUpdatedSince(
  client: GitHubClient,
  options: Omit<PullRequestsPageOptions, "updatedSince"> & { since: Date },
): AsyncGenerator<PullRequestsPage> {
  let { cursor, pageSize } = options;
  for (;;) {
    const page = await fetchPullRequestsPage(client, {
      ...options,
      cursor,
      pageSize,
      updatedSince: options.since,
    });
    yield page;
    if (!page.hasNextPage) return;
    cursor = page.nextCursor;
    pageSize = page.pageSize;
  }
}
