/**
 * How big each measurement is: the full run at the issue's sizes (~20 min on 2 cores, most of it the
 * 10,000-PR backfill) or `--quick` / BENCH_QUICK=1 (~1–2 min). `--memory-prs=N` / BENCH_MEMORY_PRS=N
 * sets the size of row 3's second backfill (e.g. 100 for a shorter full run). `--only ingest` (or
 * `--only=requests,merge`, BENCH_ONLY) runs some sections; by default every one runs.
 */
import { z } from "zod";

/** The table's sections, in the order they run. `memory` compares with `requests`' run, so it brings it. */
export const SECTIONS = [
  "requests",
  "wall-time",
  "memory",
  "merge",
  "opened",
  "ingest",
  "cli",
  "bodies",
  "rollups",
  "reads",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface IngestSizes {
  repos: number;
  prsPerRepo: number;
  poolSize: number;
  connections: number;
  durationSeconds: number;
  drainTimeoutMs: number;
  backfillTimeoutMs: number;
}

export interface BenchOptions {
  quick: boolean;
  /** The `rollups` section: PRs of the one repository whose backfill keeps rollups current. */
  rollupPrs: number;
  sections: ReadonlySet<Section>;
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
  /** The ingest section: the organisation backfilled first, then the burst (issue 9: 10 connections, 20 s). */
  ingest: IngestSizes;
  /** The reads section: stored PRs of the sizes compared (issue 10: 50,000 then 250,000). */
  readsPrs: number[];
}

const sectionsSchema = z
  .string()
  .transform((list) => list.split(",").map((name) => name.trim()))
  .pipe(z.array(z.enum(SECTIONS, { error: (issue) => `unknown section ${String(issue.input)}` })).min(1));

function onlyFlag(argv: readonly string[], env: NodeJS.ProcessEnv): ReadonlySet<Section> {
  const at = argv.findIndex((arg) => arg === "--only" || arg.startsWith("--only="));
  if (at === -1 && !env.BENCH_ONLY) return new Set(SECTIONS);
  const flag = argv[at] ?? "";
  const given =
    at === -1 ? env.BENCH_ONLY : flag.startsWith("--only=") ? flag.slice("--only=".length) : argv[at + 1];
  const parsed = sectionsSchema.safeParse(given ?? "");
  if (!parsed.success) {
    throw new Error(`--only takes sections among ${SECTIONS.join(", ")}: ${z.prettifyError(parsed.error)}`);
  }
  const chosen = new Set<Section>(parsed.data);
  if (chosen.has("memory")) chosen.add("requests");
  return chosen;
}

/** `--reads-prs=2000,10000` / BENCH_READS_PRS: the reads section's sizes, growing (one or two). */
function readsFlag(argv: readonly string[], env: NodeJS.ProcessEnv): number[] | undefined {
  const given = argv.find((arg) => arg.startsWith("--reads-prs="))?.split("=")[1] ?? env.BENCH_READS_PRS;
  if (given === undefined || given === "") return undefined;
  const sizes = given.split(",").map(Number);
  const valid =
    sizes.length >= 1 &&
    sizes.length <= 2 &&
    sizes.every((prs, i) => Number.isInteger(prs) && prs >= 1_000 && (i === 0 || prs > sizes[i - 1]));
  if (!valid)
    throw new Error(
      `--reads-prs takes one or two growing sizes of at least 1000, e.g. 2000,10000, not ${given}`,
    );
  return sizes;
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
  const sections = onlyFlag(argv, env);
  const sizes = quick
    ? { requestsPrs: 100, sampleSize: 10, wallTimePrs: 20, mergePrs: 50, memoryPrs: 10, rollupPrs: 200 }
    : {
        requestsPrs: 1_000,
        sampleSize: 25,
        wallTimePrs: 100,
        mergePrs: 200,
        memoryPrs: 10_000,
        rollupPrs: 2_000,
      };
  return {
    ...sizes,
    quick,
    latencyMs: 100,
    baselineConcurrency: 8,
    memoryPrs: memoryFlag(argv, env) ?? sizes.memoryPrs,
    mergeTimeoutMs: 120_000,
    sections,
    readsPrs: readsFlag(argv, env) ?? (quick ? [2_000, 10_000] : [50_000, 250_000]),
    ingest: {
      // Full: the demo's organisation; quick: small enough to backfill in seconds.
      repos: quick ? 2 : 3,
      prsPerRepo: quick ? 15 : 120,
      poolSize: quick ? 600 : 3_000,
      connections: 10,
      durationSeconds: quick ? 5 : 20,
      drainTimeoutMs: 120_000,
      backfillTimeoutMs: quick ? 180_000 : 600_000,
    },
  };
}
