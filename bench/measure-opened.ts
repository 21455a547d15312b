import { setTimeout as sleep } from "node:timers/promises";
import type { InstallationOctokit } from "../src/github/index.js";
import { stockInstallationOctokit } from "./github-app.js";
import { postDelivery, signDelivery, type Delivery } from "./merge-delivery.js";
import type { SimulatedRepo } from "./simulated-repo.js";
import { withAppOnSimulatedRepo } from "./app-on-simulated-repo.js";

export type OpenedResult =
  | { status: "measured"; ms: number; number: number; graphqlRequests: number; restRequests: number }
  | { status: "timeout"; timeoutMs: number; number: number };

const POLL_MS = 100;

/** A new PR in the simulated organisation and the `pull_request.opened` delivery GitHub would send. */
async function openAndBuildDelivery(
  target: SimulatedRepo,
  octokit: InstallationOctokit,
  secret: string,
): Promise<{ number: number; commits: number; delivery: Delivery }> {
  const pull = target.sim.org.addPullRequest(target.repo, { title: "Measure the opened webhook" });
  const { owner, repo } = target;
  const { data: pullRequest } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const payload = {
    action: "opened",
    number: pull.number,
    pull_request: pullRequest,
    repository,
    organization: { login: owner, id: target.sim.org.id },
    installation: { id: target.installationId },
    sender: pullRequest.user,
  };
  return {
    number: pull.number,
    commits: pull.commits,
    delivery: signDelivery("pull_request", payload, secret),
  };
}

/**
 * Row 5: like row 4 (`measure-merge.ts`), `src/main.ts` at default settings (OPEN_PR_DEBOUNCE_SECONDS
 * 30) against the simulator; a PR is opened there, its signed `pull_request.opened` delivery posted, and
 * the database polled until the PR is complete and right: `dataComplete` with every commit counted.
 */
export async function measureOpenedToComplete(options: {
  mongoUri: string;
  prs: number;
  timeoutMs: number;
}): Promise<OpenedResult> {
  const setup = {
    mongoUri: options.mongoUri,
    prs: options.prs,
    purpose: "opened",
    env: { LOG_LEVEL: "warn" },
  };
  return withAppOnSimulatedRepo(setup, async ({ target, database, secret, app }) => {
    const octokit = await stockInstallationOctokit(target);
    const { number, commits, delivery } = await openAndBuildDelivery(target, octokit, secret);
    target.sim.resetStats();
    const started = Date.now();
    await postDelivery(app.url, delivery);
    const pr = { installationId: target.installationId, repoId: target.repoId, number };
    while (Date.now() - started < options.timeoutMs) {
      const stored = await database.store.pullRequests.findOne(pr, { dataComplete: 1, metrics: 1 }).lean();
      if (stored?.dataComplete && stored.metrics.commitsCount === commits) {
        const { graphqlRequests, restRequests } = target.sim.stats();
        return { status: "measured", ms: Date.now() - started, number, graphqlRequests, restRequests };
      }
      await sleep(POLL_MS);
    }
    return { status: "timeout", timeoutMs: options.timeoutMs, number };
  });
}
