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
  /**
   * For batches of `node(id:)` lookups: a node that vanished comes back null beside a NOT_FOUND error
   * while every other alias is good, so that answer is read as data (the null left to the caller) rather
   * than failing the whole batch with a GoneError.
   */
  missingNodesAsNull?: boolean;
}

/** GitHub's partial answer: data, and only NOT_FOUND errors, each on a field of that data. */
const missingNodesSchema = z.object({
  data: z.record(z.string(), z.unknown()),
  errors: z.array(z.object({ type: z.literal("NOT_FOUND"), path: z.array(z.unknown()).min(1) })).min(1),
});

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
    const partial = options.missingNodesAsNull ? missingNodesSchema.safeParse(error) : undefined;
    if (!partial?.success) throw classifyError(error);
    data = partial.data.data;
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
