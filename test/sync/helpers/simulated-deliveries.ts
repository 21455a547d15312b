import { Probot } from "probot";
import type { InstallationOctokit } from "../../../src/github/index.js";
import type { Simulator } from "../../../src/simulator/server.js";
import type { Store } from "../../../src/storage/store.js";
import type { SyncHooks } from "../../../src/sync/hooks.js";
import { pino } from "pino";
import { createInboxWriter, inboxStorage } from "../../../src/storage/inbox/index.js";
import { createInboxProcessor } from "../../../src/webhooks/apply/processor.js";
import type { WebhookDeps } from "../../../src/webhooks/deps.js";
import { simulatorProbot } from "./simulated-github.js";

let deliveries = 0;

/**
 * mergelens' real ingest path (the inbox and its processor), wired to the sync hooks under test, fed
 * deliveries built from the simulator's own REST answers (GitHub's payload shapes): what a live
 * installation receives.
 */
export async function simulatedWebhooks(
  sim: Simulator,
  store: Store,
  hooks: SyncHooks,
  options: { loadRepoConfig?: WebhookDeps["loadRepoConfig"] } = {},
) {
  const probot: Probot = simulatorProbot(sim);
  const reported: unknown[] = [];
  const processor = createInboxProcessor({
    store,
    ...hooks,
    // By default no `.github/mergelens.yml`: the defaults (the worker reads the simulator's own).
    loadRepoConfig: options.loadRepoConfig ?? (async () => ({ raw: null })),
    octokitFor: (installationId) => probot.auth(installationId),
    reportError: (error) => reported.push(error),
    log: pino({ level: "silent" }),
  });
  const writer = createInboxWriter(inboxStorage(store), { timeoutMs: 5_000 });
  const octokit: InstallationOctokit = await probot.auth(sim.org.installationId);
  const repo = sim.org.repos[0];
  const owner = sim.org.login;
  const receive = async (name: string, payload: Record<string, unknown>) => {
    await writer.write({
      id: `sim-${++deliveries}`,
      event: name,
      action: typeof payload.action === "string" ? payload.action : null,
      installationId: sim.org.installationId,
      payload: JSON.stringify(payload),
      receivedAt: new Date(),
    });
    await processor.drain();
  };
  const context = async () => ({
    repository: (await octokit.rest.repos.get({ owner, repo: repo.name })).data,
    installation: { id: sim.org.installationId },
    organization: { login: owner, id: sim.org.id },
  });

  return {
    reported,
    /** Any delivery, stored and applied before this resolves. */
    deliver: receive,
    /** A `pull_request` delivery for the PR as the simulator holds it now. */
    async pullRequest(action: string, number: number, extra: object = {}) {
      const { data: pullRequest } = await octokit.rest.pulls.get({
        owner,
        repo: repo.name,
        pull_number: number,
      });
      await receive("pull_request", {
        action,
        number,
        pull_request: pullRequest,
        ...(await context()),
        sender: pullRequest.user,
        ...extra,
      });
    },
    /** A forced `push` to the PR's head branch, as GitHub sends it after a rewrite. */
    async forcedPush(number: number) {
      const { data: pullRequest } = await octokit.rest.pulls.get({
        owner,
        repo: repo.name,
        pull_number: number,
      });
      await receive("push", {
        ref: `refs/heads/${pullRequest.head.ref}`,
        before: "0".repeat(40),
        after: pullRequest.head.sha,
        created: false,
        deleted: false,
        forced: true,
        commits: [],
        head_commit: null,
        pusher: { name: pullRequest.user?.login ?? "ghost", email: null },
        ...(await context()),
        sender: pullRequest.user,
      });
    },
  };
}
