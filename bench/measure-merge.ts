import { setTimeout as sleep } from "node:timers/promises";
import { JOBS_COLLECTION } from "../src/sync/queue.js";
import type { BenchDatabase } from "./database.js";
import { stockInstallationOctokit } from "./github-app.js";
import { mergeAndBuildDelivery, postDelivery } from "./merge-delivery.js";
import { withAppOnSimulatedRepo } from "./app-on-simulated-repo.js";

export type MergeResult =
  | { status: "measured"; ms: number; number: number; graphqlRequests: number; restRequests: number }
  | { status: "timeout"; timeoutMs: number; number: number; jobSeen: boolean }
  | { status: "skipped"; short: string; reason: string };

export interface MergeOptions {
  mongoUri: string;
  prs: number;
  /** Give up waiting for `dataComplete` after this long (a missed target, not a crash). */
  timeoutMs: number;
}

const POLL_MS = 100;
/** With no complete-pull-request job this long after the delivery, the merge hook enqueues nothing. */
const ENQUEUE_GRACE_MS = 15_000;

async function waitForDataComplete(
  database: BenchDatabase,
  pr: { installationId: number; repoId: number; number: number },
  started: number,
  timeoutMs: number,
): Promise<{ ms: number } | { jobSeen: boolean; stored: boolean; timedOut: boolean }> {
  const jobs = database.store.db.collection(JOBS_COLLECTION);
  let jobSeen = false;
  for (;;) {
    const stored = await database.store.pullRequests.findOne(pr, { dataComplete: 1 }).lean();
    if (stored?.dataComplete) return { ms: Date.now() - started };
    jobSeen ||= (await jobs.findOne({ name: "complete-pull-request", "data.number": pr.number })) !== null;
    const elapsed = Date.now() - started;
    if ((!jobSeen && elapsed > ENQUEUE_GRACE_MS) || elapsed > timeoutMs) {
      return { jobSeen, stored: stored !== null, timedOut: elapsed > timeoutMs };
    }
    await sleep(POLL_MS);
  }
}

/**
 * Row 4: `src/main.ts` at default settings against the simulator and a fresh database; a PR is merged
 * in the simulated organisation, its signed `pull_request.closed` delivery is posted to the app, and the
 * database is polled until the PR has `dataComplete`.
 */
export async function measureMergeToComplete(options: MergeOptions): Promise<MergeResult> {
  const setup = {
    mongoUri: options.mongoUri,
    prs: options.prs,
    purpose: "merge",
    env: { LOG_LEVEL: "warn" },
  };
  return withAppOnSimulatedRepo(setup, async ({ target, database, secret, app }) => {
    const octokit = await stockInstallationOctokit(target);
    const { number, delivery } = await mergeAndBuildDelivery(target, octokit, secret);
    target.sim.resetStats();
    const started = Date.now();
    await postDelivery(app.url, delivery);
    const pr = { installationId: target.installationId, repoId: target.repoId, number };
    const outcome = await waitForDataComplete(database, pr, started, options.timeoutMs);
    if ("ms" in outcome) {
      const { graphqlRequests, restRequests } = target.sim.stats();
      return { status: "measured", ms: outcome.ms, number, graphqlRequests, restRequests };
    }
    if (!outcome.stored) throw new Error(`the app did not store PR #${number}:\n${app.logTail()}`);
    if (outcome.timedOut)
      return { status: "timeout", timeoutMs: options.timeoutMs, number, jobSeen: outcome.jobSeen };
    return {
      status: "skipped",
      short: "merge hook enqueues no job yet",
      reason:
        `no complete-pull-request job within ${ENQUEUE_GRACE_MS / 1000} s of the merge delivery ` +
        "(src/main.ts does not yet enqueue it from onPullRequestMerged or run the worker)",
    };
  });
}
