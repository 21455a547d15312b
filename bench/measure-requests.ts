import { runRestBaseline } from "./baseline-rest.js";
import {
  checkCompleteness,
  expectedCounts,
  samplePullNumbers,
  storedCounts,
  type CompletenessCheck,
} from "./completeness.js";
import { runBackfillInChild, type BackfillRun } from "./backfill-child.js";
import { openBenchDatabase } from "./database.js";
import { stockInstallationOctokit } from "./github-app.js";
import { startSimulatedRepo } from "./simulated-repo.js";
import type { ApiCost } from "./stats.js";

export interface SideCost extends ApiCost {
  /** PRs synced with complete data. */
  prs: number;
  wallMs: number;
  byRoute: Record<string, number>;
  completeness: CompletenessCheck;
}

export interface RequestsResult {
  prs: number;
  baselineConcurrency: number;
  mergelens: SideCost;
  baseline: SideCost;
  /** The mergelens backfill's process, whose memory is one of row 3's two sizes. */
  mergelensRun: BackfillRun;
}

export interface RequestsOptions {
  mongoUri: string;
  prs: number;
  baselineConcurrency: number;
  sampleSize: number;
}

/**
 * Row 1: both sides sync the same repository on one simulator with no latency; the simulator counts what
 * each cost. mergelens's backfill runs in a worker process of its own (its memory is one of row 3's sizes),
 * with throttling off: the throttle changes when requests go out, not how many.
 */
export async function measureRequests(options: RequestsOptions): Promise<RequestsResult> {
  const target = await startSimulatedRepo({ prs: options.prs, seed: "bench-requests" });
  const { sim } = target;
  const sample = samplePullNumbers(options.prs, options.sampleSize);
  const expected = (number: number) => expectedCounts(sim.org, target.repo, number);
  const database = await openBenchDatabase(options.mongoUri, "requests");
  try {
    sim.resetStats();
    const mergelensRun = await runBackfillInChild(target, options.mongoUri, database.name);
    const scope = { installationId: target.installationId, repoId: target.repoId };
    const mergelens: SideCost = {
      ...sim.stats(),
      prs: await database.store.pullRequests.countDocuments({ ...scope, dataComplete: true }),
      wallMs: mergelensRun.wallMs,
      completeness: await checkCompleteness(sample, expected, (n) => storedCounts(database.store, scope, n)),
    };

    sim.resetStats();
    const started = Date.now();
    const octokit = await stockInstallationOctokit(target);
    const result = await runRestBaseline(octokit, {
      owner: target.owner,
      repo: target.repo,
      concurrency: options.baselineConcurrency,
    });
    const baselineWall = Date.now() - started;
    const baseline: SideCost = {
      ...sim.stats(),
      prs: result.counts.size,
      wallMs: baselineWall,
      completeness: await checkCompleteness(sample, expected, async (n) => result.counts.get(n) ?? null),
    };
    const { prs, baselineConcurrency } = options;
    return { prs, baselineConcurrency, mergelens, baseline, mergelensRun };
  } finally {
    await database.drop();
    await sim.stop();
  }
}
