import { z } from "zod";
import type { GitHubClient } from "./installation-client.js";

const windowSchema = z.object({ limit: z.number(), remaining: z.number(), reset: z.number() });
const rateLimitSchema = z.object({
  resources: z.object({ core: windowSchema, graphql: windowSchema.optional() }),
});

/**
 * Teaches the client's budget what GitHub has left this hour before a job spends anything: `GET
 * /rate_limit` does not count against the limit, and a fresh client otherwise knows nothing until its
 * first query has already been paid for.
 */
export async function readRateLimits(client: GitHubClient): Promise<void> {
  const { data } = await client.octokit.request("GET /rate_limit");
  const { resources } = rateLimitSchema.parse(data);
  for (const [resource, window] of Object.entries(resources)) {
    if (!window) continue;
    client.budget.observeWindow(resource, {
      limit: window.limit,
      remaining: window.remaining,
      resetAt: new Date(window.reset * 1000),
    });
  }
}
