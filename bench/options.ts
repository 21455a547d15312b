/** How big each measurement is: the full run (the sizes, ~10 min) or `--quick` (~1–2 min). */
export interface BenchOptions {
  quick: boolean;
  /** Row 1: the repository both sides sync, counting requests. */
  requestsPrs: number;
  /** Row 1: PRs checked list by list against the simulator's model. */
  sampleSize: number;
  /** Row 2: smaller, since the baseline pays the latency on every one of its requests. */
  wallTimePrs: number;
  latencyMs: number;
  /** Requests the baseline keeps in flight (Probot's throttling allows 10 concurrent REST reads). */
  baselineConcurrency: number;
  /** Row 3: repository sizes whose peak memory is compared. */
  memoryPrs: [number, number];
  /** Row 4: size of the repository the merged PR lives in, and how long to wait for dataComplete. */
  mergePrs: number;
  mergeTimeoutMs: number;
}

export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes("--quick") || env.BENCH_QUICK === "1";
  const common = { latencyMs: 100, baselineConcurrency: 8, mergeTimeoutMs: 120_000 };
  return quick
    ? {
        ...common,
        quick,
        requestsPrs: 200,
        sampleSize: 10,
        wallTimePrs: 30,
        memoryPrs: [200, 2_000],
        mergePrs: 50,
      }
    : {
        ...common,
        quick,
        requestsPrs: 1_000,
        sampleSize: 25,
        wallTimePrs: 200,
        memoryPrs: [1_000, 10_000],
        mergePrs: 200,
      };
}
