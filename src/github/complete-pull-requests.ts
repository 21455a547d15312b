import { z } from "zod";
import { GoneError } from "./errors.js";
import type { GitHubClient } from "./installation-client.js";
import {
  NESTED_LISTS,
  nestedPageAlias,
  nestedPagesQuery,
  nestedPagesVariables,
  type NestedList,
} from "./queries/pull-request-nested-page.js";
import { runQuery } from "./run-query.js";
import {
  checkRunPageSchema,
  checkSuitePageSchema,
  commitPageSchema,
  filePageSchema,
  issueCommentPageSchema,
  rateLimitSchema,
  reviewCommentPageSchema,
  reviewPageSchema,
  reviewThreadPageSchema,
  type Page,
  type PullRequestNode,
} from "./schemas/pull-request-node.js";
import { withShrinkingPageSize } from "./with-shrinking-page-size.js";

/**
 * Lists paged per query. GitHub prices a query by the requests its connections imply: a files, commits,
 * reviews or comments page is 1 and a review-thread or check-suite page 101 (its inner list under 100
 * parents). 20 pages are therefore 1 point when they are flat lists and at most ~20 points and ~102,000
 * nodes when they are all threads or suites: about a page of 50 PRs (21 points, ~80,000 nodes), far
 * under the 500,000-node limit, while a typical round of a PR page's overflow fits in one query.
 */
export const NESTED_BATCH_SIZE = 20;

/** One overflowing list awaiting its next page. */
interface Pending {
  list: NestedList;
  ownerId: string;
  cursor: string | null;
  target: Page<unknown>;
  /** Reads this list's alias; the result appends the page in place and says whether the list moved on. */
  schema: z.ZodType<() => boolean>;
}

function pending<T>(
  list: NestedList,
  ownerId: string,
  target: Page<T>,
  connection: z.ZodType<Page<T>>,
): Pending {
  const { field } = NESTED_LISTS[list];
  const cursor = target.pageInfo.endCursor;
  const schema = z
    .object({ [field]: connection.nullable().optional() })
    .nullable()
    .transform((node) => (): boolean => {
      const next = node?.[field] ?? null;
      // A vanished owner or a cursor that does not advance ends the list; hasNextPage stays for a note.
      if (!next || next.pageInfo.endCursor === cursor) return false;
      target.nodes.push(...next.nodes);
      target.pageInfo = next.pageInfo;
      return true;
    });
  return { list, ownerId, cursor, target, schema };
}

/** Every list of `pr` (threads' comments and suites' runs known so far included) with a next page. */
function overflowing(pr: PullRequestNode, stopped: Set<object>): Pending[] {
  const found: Pending[] = [];
  const add = <T>(list: NestedList, ownerId: string, target: Page<T> | null, schema: z.ZodType<Page<T>>) => {
    if (target?.pageInfo.hasNextPage && !stopped.has(target))
      found.push(pending(list, ownerId, target, schema));
  };
  add("commits", pr.id, pr.commits, commitPageSchema);
  add("files", pr.id, pr.files, filePageSchema);
  add("reviews", pr.id, pr.reviews, reviewPageSchema);
  add("comments", pr.id, pr.comments, issueCommentPageSchema);
  add("reviewThreads", pr.id, pr.reviewThreads, reviewThreadPageSchema);
  for (const thread of pr.reviewThreads.nodes) {
    if (thread) add("threadComments", thread.id, thread.comments, reviewCommentPageSchema);
  }
  const head = pr.headCommit.nodes[0]?.commit;
  if (!head) return found;
  add("checkSuites", head.id, head.checkSuites, checkSuitePageSchema);
  for (const suite of head.checkSuites?.nodes ?? []) {
    if (suite) add("checkRuns", suite.id, suite.checkRuns, checkRunPageSchema);
  }
  return found;
}

/** Fetches the next page of each list of `batch` in one query; lists that cannot go on join `stopped`. */
async function fetchBatch(client: GitHubClient, batch: Pending[], stopped: Set<object>): Promise<void> {
  const aliases = Object.fromEntries(batch.map((item, i) => [nestedPageAlias(i), item.schema]));
  const schema = z.object({ rateLimit: rateLimitSchema }).and(z.object(aliases));
  let data: z.output<typeof schema>;
  try {
    data = await runQuery(
      client,
      nestedPagesQuery(batch.map((item) => item.list)),
      nestedPagesVariables(batch),
      schema,
      // A batch is retried smaller rather than the same (see completePullRequests); one list as before.
      { retries: batch.length > 1 ? 0 : undefined, missingNodesAsNull: true },
    );
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    for (const item of batch) stopped.add(item.target);
    return;
  }
  batch.forEach((item, i) => {
    const append = data[nestedPageAlias(i)];
    if (typeof append !== "function" || !append()) stopped.add(item.target);
  });
}

/**
 * Fetches the rest of every list that overflowed its page, across all of `prs`, appending in place so
 * extraction reads complete lists. It works in rounds: each round takes every list that still has a next
 * page (thread comments and check runs of threads and suites fetched so far included) and asks for their
 * next pages NESTED_BATCH_SIZE lists per query, so a PR page's overflow costs about as many queries as
 * its longest list has pages. Each query goes through runQuery (budget check, cost, error classification,
 * schema); @octokit/plugin-paginate-graphql would bypass it and pages one list at a time. A list whose
 * owner vanished mid-sync keeps `hasNextPage` and gets a note later. A batch that GitHub cannot answer in
 * time (502, 504, timeout) is halved, down to one list.
 */
export async function completePullRequests(client: GitHubClient, prs: PullRequestNode[]): Promise<void> {
  const stopped = new Set<object>();
  let batchSize = NESTED_BATCH_SIZE;
  for (;;) {
    const round = prs.flatMap((pr) => overflowing(pr, stopped));
    if (round.length === 0) return;
    for (let from = 0; from < round.length;) {
      const initial = Math.min(batchSize, round.length - from);
      const { pageSize } = await withShrinkingPageSize(
        (size) => fetchBatch(client, round.slice(from, from + size), stopped),
        { initial, min: 1 },
      );
      if (pageSize < initial) batchSize = pageSize;
      from += pageSize;
    }
  }
}
