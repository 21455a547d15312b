import { runRestBaseline } from "./baseline-rest.js";
import { openBenchDatabase } from "./database.js";
import { createBenchProbot, stockInstallationOctokit } from "./github-app.js";
import { runMergelensBackfill } from "./mergelens-backfill.js";
import { startSimulatedRepo, type SimulatedRepo } from "./simulated-repo.js";

export interface WallTimeResult {
  prs: number;
  latencyMs: number;
  baselineConcurrency: number;
  /** mergelens as it runs: Probot's throttling spaces its GraphQL calls ≥ 1 s apart. */
  mergelensMs: number;
  mergelensGraphqlRequests: number;
  /** The same backfill with throttling off: how much of the time is the throttle's 1 s spacing. */
  mergelensUnthrottledMs: number;
  baselineMs: number;
  baselineRestRequests: number;
}

export interface WallTimeOptions {
  mongoUri: string;
  prs: number;
  latencyMs: number;
  baselineConcurrency: number;
}

async function timeBackfill(
  target: SimulatedRepo,
  mongoUri: string,
  throttling: boolean,
): Promise<{ ms: number; graphqlRequests: number }> {
  const database = await openBenchDatabase(mongoUri, "walltime");
  try {
    target.sim.resetStats();
    const app = createBenchProbot({ simulatorUrl: target.sim.url, octokit: "mergelens", throttling });
    const started = Date.now();
    await runMergelensBackfill({ ...target, app, store: database.store, days: 90 });
    return { ms: Date.now() - started, graphqlRequests: target.sim.stats().graphqlRequests };
  } finally {
    await database.drop();
  }
}

/**
 * Row 2: the same sync with every simulator answer delayed by `latencyMs`. The baseline keeps
 * `baselineConcurrency` requests in flight (Probot's throttling allows 10 concurrent REST reads);
 * mergelens runs its backfill as the worker does, one page after another.
 */
export async function measureWallTime(options: WallTimeOptions): Promise<WallTimeResult> {
  const target = await startSimulatedRepo({
    prs: options.prs,
    seed: "bench-walltime",
    latencyMs: options.latencyMs,
  });
  try {
    const throttled = await timeBackfill(target, options.mongoUri, true);
    const unthrottled = await timeBackfill(target, options.mongoUri, false);

    target.sim.resetStats();
    const started = Date.now();
    const octokit = await stockInstallationOctokit(target);
    await runRestBaseline(octokit, {
      owner: target.owner,
      repo: target.repo,
      concurrency: options.baselineConcurrency,
    });
    return {
      prs: options.prs,
      latencyMs: options.latencyMs,
      baselineConcurrency: options.baselineConcurrency,
      mergelensMs: throttled.ms,
      mergelensGraphqlRequests: throttled.graphqlRequests,
      mergelensUnthrottledMs: unthrottled.ms,
      baselineMs: Date.now() - started,
      baselineRestRequests: target.sim.stats().restRequests,
    };
  } finally {
    await target.sim.stop();
  }
}
