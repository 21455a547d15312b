import type { InstallationOctokit } from "../src/github/index.js";
import { mapPool } from "./pool.js";

/** How many items of each list the baseline fetched for one PR (the data itself is dropped). */
export interface PullListCounts {
  commits: number;
  files: number;
  reviews: number;
  reviewComments: number;
  issueComments: number;
  timeline: number;
  checkRuns: number;
}

export interface BaselineResult {
  pulls: number;
  /** Per PR number. */
  counts: Map<number, PullListCounts>;
  deployments: number;
  deploymentStatuses: number;
}

export interface BaselineOptions {
  owner: string;
  repo: string;
  /** Requests in flight at once: PRs are fetched this many at a time, each PR's lists one after another. */
  concurrency: number;
}

const PER_PAGE = 100;

/**
 * The per-PR REST sync most tools do: list every PR (`state=all`), then for each PR page through its
 * commits, files, reviews, review comments, conversation comments, timeline and the head commit's check
 * runs with Octokit's `paginate`, at GitHub's largest page size; then the repository's deployments and
 * each one's statuses, as DORA needs them.
 */
export async function runRestBaseline(
  octokit: InstallationOctokit,
  options: BaselineOptions,
): Promise<BaselineResult> {
  const { owner, repo } = options;
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: "all",
    per_page: PER_PAGE,
  });
  const heads = pulls.map((pull) => ({ number: pull.number, sha: pull.head.sha }));
  const counts = await mapPool(heads, options.concurrency, async ({ number, sha }) => {
    const pr = { owner, repo, pull_number: number, per_page: PER_PAGE };
    const issue = { owner, repo, issue_number: number, per_page: PER_PAGE };
    const lists: PullListCounts = {
      commits: (await octokit.paginate(octokit.rest.pulls.listCommits, pr)).length,
      files: (await octokit.paginate(octokit.rest.pulls.listFiles, pr)).length,
      reviews: (await octokit.paginate(octokit.rest.pulls.listReviews, pr)).length,
      reviewComments: (await octokit.paginate(octokit.rest.pulls.listReviewComments, pr)).length,
      issueComments: (await octokit.paginate(octokit.rest.issues.listComments, issue)).length,
      timeline: (await octokit.paginate(octokit.rest.issues.listEventsForTimeline, issue)).length,
      checkRuns: (
        await octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: sha, per_page: PER_PAGE })
      ).length,
    };
    return [number, lists] as const;
  });
  const deployments = await octokit.paginate(octokit.rest.repos.listDeployments, {
    owner,
    repo,
    per_page: PER_PAGE,
  });
  const statuses = await mapPool(deployments, options.concurrency, async ({ id }) => {
    const params = { owner, repo, deployment_id: id, per_page: PER_PAGE };
    return (await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, params)).length;
  });
  return {
    pulls: pulls.length,
    counts: new Map(counts),
    deployments: deployments.length,
    deploymentStatuses: statuses.reduce((sum, count) => sum + count, 0),
  };
}
