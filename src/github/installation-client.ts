import type { Probot } from "probot";
import { z } from "zod";
import { classifyError } from "./errors.js";
import type { InstallationOctokit } from "./octokit-class.js";
import { RateBudget } from "./rate-budget.js";

/** What every fetch function takes: one installation's Octokit and its rate budget. */
export interface GitHubClient {
  installationId: number;
  octokit: InstallationOctokit;
  budget: RateBudget;
}

interface TokenCache {
  set(key: string, value: string): unknown;
}

/** Error responses carry rate-limit headers too (a 403 with `x-ratelimit-remaining: 0`). */
const errorHeadersSchema = z.object({
  response: z.object({ headers: z.record(z.string(), z.union([z.string(), z.number()]).optional()) }),
});

/**
 * A client for one job run. The token is never stored: Probot's auth mints one on first use and caches it
 * for 59 minutes (GitHub's tokens live 60), and every request re-reads that cache, so a job longer than an
 * hour gets a fresh token on its own. A 401 before that (a revoked token) is retried once with a new one.
 */
export async function getInstallationClient(
  app: Probot,
  installationId: number,
  options: { reserve?: number } = {},
): Promise<GitHubClient> {
  const octokit = await app.auth(installationId);
  const budget = new RateBudget(options);
  instrument(octokit, budget);
  return { installationId, octokit, budget };
}

function instrument(octokit: InstallationOctokit, budget: RateBudget): void {
  const send = async <T extends { headers: Record<string, string | number | undefined> }>(
    request: () => T | Promise<T>,
  ): Promise<T> => {
    try {
      const response = await request();
      budget.observeHeaders(response.headers);
      return response;
    } catch (error) {
      const parsed = errorHeadersSchema.safeParse(error);
      if (parsed.success) budget.observeHeaders(parsed.data.response.headers);
      throw error;
    }
  };
  octokit.hook.wrap("request", async (request, options) => {
    try {
      try {
        return await send(() => request(options));
      } catch (error) {
        if (statusOf(error) !== 401) throw error;
        await forgetToken(octokit);
        return await send(() => request(options));
      }
    } catch (error) {
      throw classifyError(error);
    }
  });
}

/**
 * Probot's token cache would hand the rejected token out again for up to an hour. auth-app passes its
 * options, the cache included, to a `factory`; blanking the entry (the cache's documented `set`) makes the
 * next request mint a token through that request's own base URL. (`auth({ refresh: true })` would post to
 * api.github.com even under GHE_HOST: Probot gives auth-app no base URL.)
 */
async function forgetToken(octokit: InstallationOctokit): Promise<void> {
  await octokit.auth({
    type: "installation",
    factory: ({ cache, installationId }: { cache: TokenCache; installationId: number }) =>
      cache.set(String(installationId), ""),
  });
}

const statusOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
