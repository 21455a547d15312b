import { z } from "zod";
import { completePullRequests } from "./complete-pull-requests.js";
import { GoneError } from "./errors.js";
import { extractPullRequest, type FetchedPullRequest } from "./extract-pull-request.js";
import type { GitHubClient } from "./installation-client.js";
import { PULL_REQUEST_BY_NUMBER } from "./queries/pull-request-by-number.js";
import { runQuery } from "./run-query.js";
import { pullRequestNodeSchema, rateLimitSchema } from "./schemas/pull-request-node.js";

const responseSchema = z.object({
  rateLimit: rateLimitSchema,
  repository: z.object({ pullRequest: pullRequestNodeSchema.nullable() }).nullable(),
});

/**
 * One pull request, complete, for the merge job: one GraphQL query (1 point) plus, when lists overflow,
 * one batched query per round of their next pages (completePullRequests), instead of seven paginated
 * REST lists. A PR or repository that no longer exists is a GoneError.
 */
export async function fetchPullRequest(
  client: GitHubClient,
  options: { repoId: number; owner: string; repo: string; number: number },
): Promise<FetchedPullRequest> {
  const { owner, repo, number } = options;
  const data = await runQuery(client, PULL_REQUEST_BY_NUMBER, { owner, name: repo, number }, responseSchema);
  const node = data.repository?.pullRequest;
  if (!node)
    throw new GoneError(`Pull request ${owner}/${repo}#${number} is not visible to the installation`, null);
  await completePullRequests(client, [node]);
  return extractPullRequest(node, {
    installationId: client.installationId,
    repoId: options.repoId,
    repo: `${owner}/${repo}`,
  });
}
