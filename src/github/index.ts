/** The GitHub access layer the sync jobs call (issue 3, "GitHub access"). */
export { createOctokitClass, type InstallationOctokit, type OctokitSettings } from "./octokit-class.js";
export { getInstallationClient, type GitHubClient } from "./installation-client.js";
export { readRateLimits } from "./read-rate-limits.js";
export { RateBudget, DEFAULT_RESERVE, type RateResource, type RateWindow } from "./rate-budget.js";
export { classifyError, GoneError, RateLimitReservedError, TransientError } from "./errors.js";
export {
  fetchPullRequestsPage,
  DEFAULT_PAGE_SIZE,
  type PullRequestsPage,
  type PullRequestsPageOptions,
} from "./fetch-pull-requests-page.js";
export { listPullRequestsUpdatedSince } from "./list-pull-requests-updated-since.js";
export { fetchPullRequest } from "./fetch-pull-request.js";
export { fetchDeploymentsPage, type DeploymentsPage } from "./fetch-deployments-page.js";
export type { FetchedPullRequest } from "./extract-pull-request.js";
export {
  listInstallationRepositories,
  type InstallationRepository,
} from "./list-installation-repositories.js";
export { listFailedDeliveries, type FailedDelivery } from "./list-failed-deliveries.js";
export { redeliver } from "./redeliver.js";
