/**
 * How big each measurement is: the full run at the issue's sizes (~20 min on 2 cores, most of it the
 * 10,000-PR backfill) or `--quick` / BENCH_QUICK=1 (~1–2 min). `--memory-prs=N` / BENCH_MEMORY_PRS=N
 * sets the size of row 3's second backfill (e.g. 100 for a shorter full run).
 */
export interface BenchOptions {
  quick: boolean;
  /** Row 1: the repository both sides sync, counting requests; its backfill is also one of row 3's sizes. */
  requestsPrs: number;
  /** Row 1: PRs checked list by list against the simulator's model. */
  sampleSize: number;
  /** Row 2: smaller, since the baseline pays the latency on every one of its requests. */
  wallTimePrs: number;
  latencyMs: number;
  /** Requests the baseline keeps in flight (Probot's throttling allows 10 concurrent REST reads). */
  baselineConcurrency: number;
  /**
   * Row 3: the other backfill whose peak memory is compared with row 1's: ten times its size in the
   * full run (the issue's 1,000 vs 10,000), a tenth in the quick one, or the `--memory-prs` size.
   */
  memoryPrs: number;
  /** Row 4: size of the repository the merged PR lives in, and how long to wait for dataComplete. */
  mergePrs: number;
  mergeTimeoutMs: number;
}

function memoryFlag(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const given = argv.find((arg) => arg.startsWith("--memory-prs="))?.split("=")[1] ?? env.BENCH_MEMORY_PRS;
  if (given === undefined || given === "") return undefined;
  const prs = Number(given);
  if (!Number.isInteger(prs) || prs < 1) throw new Error(`--memory-prs must be a whole number, not ${given}`);
  return prs;
}

export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes("--quick") || env.BENCH_QUICK === "1";
  const sizes = quick
    ? { requestsPrs: 100, sampleSize: 10, wallTimePrs: 20, mergePrs: 50, memoryPrs: 10 }
    : { requestsPrs: 1_000, sampleSize: 25, wallTimePrs: 100, mergePrs: 200, memoryPrs: 10_000 };
  return {
    ...sizes,
    quick,
    latencyMs: 100,
    baselineConcurrency: 8,
    memoryPrs: memoryFlag(argv, env) ?? sizes.memoryPrs,
    mergeTimeoutMs: 120_000,
  };
}
