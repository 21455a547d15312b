import { z } from "zod";
import { classifyError } from "./errors.js";
import type { GitHubClient } from "./installation-client.js";
import type { rateLimitSchema } from "./schemas/pull-request-node.js";

/** GitHub stops a query at 10 s itself; this only guards against a connection that hangs. */
export const GRAPHQL_TIMEOUT_MS = 30_000;

export interface QueryOptions {
  /** plugin-retry's retries; 0 where withShrinkingPageSize retries with a smaller page instead. */
  retries?: number;
  timeoutMs?: number;
}

/**
 * Every GraphQL call goes through here: the budget is checked before, the query's `rateLimit` recorded
 * after, GraphQL-level errors (HTTP 200 with `errors`) classified, and the data checked against its schema.
 */
export async function runQuery<S extends z.ZodType<{ rateLimit: z.output<typeof rateLimitSchema> }>>(
  client: GitHubClient,
  document: string,
  variables: Record<string, unknown>,
  schema: S,
  options: QueryOptions = {},
): Promise<z.output<S>> {
  client.budget.assertAbove("graphql");
  let data: unknown;
  try {
    data = await client.octokit.graphql(document, {
      ...variables,
      request: {
        // A signal per attempt, not per call: a retry after a secondary limit's wait must not start expired.
        fetch: (url: string, init: RequestInit) =>
          fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? GRAPHQL_TIMEOUT_MS) }),
        ...(options.retries === undefined ? {} : { retries: options.retries }),
      },
    });
  } catch (error) {
    throw classifyError(error);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const operation = /query\s+(\w+)/.exec(document)?.[1] ?? "query";
    throw new Error(
      `GitHub's ${operation} response has an unexpected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  client.budget.observeGraphql(parsed.data.rateLimit);
  return parsed.data;
}
