import { z } from "zod";
import { GoneError } from "./errors.js";
import type { GitHubClient } from "./installation-client.js";
import { PULL_REQUEST_NESTED_PAGE, type NestedList } from "./queries/pull-request-nested-page.js";
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

/** A nested page's response, reduced to the one connection it pages (null when its owner is gone). */
const connectionOf = <C extends z.ZodType>(field: string, connection: C) =>
  z
    .object({
      rateLimit: rateLimitSchema,
      node: z.object({ [field]: connection.nullable().optional() }).nullable(),
    })
    .transform(({ rateLimit, node }) => ({ rateLimit, connection: node?.[field] ?? null }));

const nestedPage = <C extends z.ZodType>(list: NestedList, field: string, connection: C) => ({
  document: PULL_REQUEST_NESTED_PAGE[list],
  schema: connectionOf(field, connection),
});

const NESTED = {
  commits: nestedPage("commits", "commits", commitPageSchema),
  files: nestedPage("files", "files", filePageSchema),
  reviews: nestedPage("reviews", "reviews", reviewPageSchema),
  comments: nestedPage("comments", "comments", issueCommentPageSchema),
  reviewThreads: nestedPage("reviewThreads", "reviewThreads", reviewThreadPageSchema),
  threadComments: nestedPage("threadComments", "comments", reviewCommentPageSchema),
  checkSuites: nestedPage("checkSuites", "checkSuites", checkSuitePageSchema),
  checkRuns: nestedPage("checkRuns", "checkRuns", checkRunPageSchema),
};

interface NestedPage<T> {
  document: string;
  schema: z.ZodType<{ rateLimit: z.output<typeof rateLimitSchema>; connection: Page<T> | null }>;
}

/**
 * Fetches the rest of every list that overflowed its page, appending in place, so that extraction reads
 * complete lists. Only overflowing lists cost a query (1 point per 100 items). The cursor loop is written
 * out rather than using @octokit/plugin-paginate-graphql because each page must pass through runQuery
 * (budget check, cost, error classification, schema), which that plugin's iterator would bypass.
 * A list that cannot be finished (its owner vanished mid-sync) keeps `hasNextPage` and gets a note later.
 */
export async function completePullRequest(client: GitHubClient, pr: PullRequestNode): Promise<void> {
  await appendRest(client, NESTED.commits, pr.id, pr.commits);
  await appendRest(client, NESTED.files, pr.id, pr.files);
  await appendRest(client, NESTED.reviews, pr.id, pr.reviews);
  await appendRest(client, NESTED.comments, pr.id, pr.comments);
  await appendRest(client, NESTED.reviewThreads, pr.id, pr.reviewThreads);
  for (const thread of pr.reviewThreads.nodes) {
    if (thread) await appendRest(client, NESTED.threadComments, thread.id, thread.comments);
  }
  const head = pr.headCommit.nodes[0]?.commit;
  if (!head) return;
  await appendRest(client, NESTED.checkSuites, head.id, head.checkSuites);
  for (const suite of head.checkSuites?.nodes ?? []) {
    if (suite) await appendRest(client, NESTED.checkRuns, suite.id, suite.checkRuns);
  }
}

async function appendRest<T>(
  client: GitHubClient,
  query: NestedPage<T>,
  ownerId: string,
  target: Page<T> | null,
): Promise<void> {
  while (target?.pageInfo.hasNextPage) {
    const cursor = target.pageInfo.endCursor;
    let next: Page<T> | null;
    try {
      ({ connection: next } = await runQuery(client, query.document, { id: ownerId, cursor }, query.schema));
    } catch (error) {
      if (error instanceof GoneError) return;
      throw error;
    }
    if (!next || next.pageInfo.endCursor === cursor) return;
    target.nodes.push(...next.nodes);
    target.pageInfo = next.pageInfo;
  }
}
