/**
 * `npm run bench [-- --quick] [-- --only ingest]`: mergelens's sync against a per-PR REST baseline on the
 * project's GitHub simulator, and its webhook ingest against a bare Probot app. Prints one table on stdout
 * and writes bench/results/<timestamp>.json and latest.json.
 * Exits non-zero only when a measurement crashed; a missed target is a FAIL row, not an error.
 */
import { fileURLToPath } from "node:url";
import { bodiesRows } from "./bodies-rows.js";
import { cliRows } from "./cli-rows.js";
import { startBenchServer } from "./database.js";
import { measureBodies, type BodiesResult } from "./measure-bodies.js";
import { measureIngest } from "./measure-ingest.js";
import { measureCli, type CliResult } from "./measure-cli.js";
import { measureMergeToComplete } from "./measure-merge.js";
import { measureMemory } from "./measure-memory.js";
import { measureOpenedToComplete } from "./measure-opened.js";
import { measureReads, type ReadsResult } from "./measure-reads.js";
import { measureRequests } from "./measure-requests.js";
import { measureRollupUpkeep, type RollupUpkeepResult } from "./measure-rollup-upkeep.js";
import { measureWallTime } from "./measure-wall-time.js";
import { benchOptions, type Section } from "./options.js";
import { readsRows } from "./reads-rows.js";
import { buildRows, HEADERS, type Measured } from "./report.js";
import { describeMachine, writeResults } from "./results.js";
import { summarize } from "./summary.js";
import { rollupRows } from "./rollup-rows.js";
import { formatTable } from "./table.js";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function attempt<T>(measured: Measured, name: string, run: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  progress(`${name}…`);
  try {
    const result = await run();
    progress(`${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? error.stack : undefined;
    progress(`${name} crashed: ${stack ?? message}`);
    measured.errors.push({ measurement: name, message, stack });
    return undefined;
  }
}

async function main(): Promise<number> {
  const options = benchOptions(process.argv.slice(2), process.env);
  const startedAt = new Date().toISOString();
  const server = await startBenchServer(PROJECT_ROOT);
  const measured: Measured = { errors: [] };
  let cli: CliResult | undefined;
  let bodies: BodiesResult | undefined;
  let rollups: RollupUpkeepResult | undefined;
  let reads: ReadsResult | undefined;
  const mongoUri = server.uri;
  const runs = (section: Section) => options.sections.has(section);
  try {
    if (runs("requests")) {
      measured.requests = await attempt(measured, "requests", () =>
        measureRequests({
          mongoUri,
          prs: options.requestsPrs,
          baselineConcurrency: options.baselineConcurrency,
          sampleSize: options.sampleSize,
        }),
      );
    }
    if (runs("wall-time")) {
      measured.wallTime = await attempt(measured, "wall time", () =>
        measureWallTime({
          mongoUri,
          prs: options.wallTimePrs,
          latencyMs: options.latencyMs,
          baselineConcurrency: options.baselineConcurrency,
        }),
      );
    }
    if (runs("memory")) {
      const first = measured.requests?.mergelensRun;
      const other = await attempt(measured, "memory", () => measureMemory(mongoUri, options.memoryPrs));
      if (first && other) measured.memory = [first, other].sort((a, b) => a.prs - b.prs);
    }
    if (runs("merge")) {
      measured.merge = await attempt(measured, "merge to dataComplete", () =>
        measureMergeToComplete({ mongoUri, prs: options.mergePrs, timeoutMs: options.mergeTimeoutMs }),
      );
    }
    if (runs("ingest")) {
      measured.ingest = await attempt(measured, "ingest", () =>
        measureIngest({ mongoUri, ...options.ingest, progress }),
      );
    }
    if (runs("cli")) {
      cli = await attempt(measured, "cli", () =>
        measureCli({ mongoUri, projectRoot: PROJECT_ROOT, runs: 5 }),
      );
    }
    if (runs("opened")) {
      measured.opened = await attempt(measured, "opened to complete", () =>
        measureOpenedToComplete({ mongoUri, prs: options.mergePrs, timeoutMs: options.mergeTimeoutMs }),
      );
    }
    if (runs("bodies")) {
      bodies = await attempt(measured, "bodies", () => measureBodies({ mongoUri }));
    }
    if (runs("rollups")) {
      rollups = await attempt(measured, "rollup-upkeep", () =>
        measureRollupUpkeep({ mongoUri, prs: options.rollupPrs }),
      );
    }
    if (runs("reads")) {
      reads = await attempt(measured, "reads", () =>
        measureReads({ mongoUri, sizes: options.readsPrs, runs: 5, progress }),
      );
    }
  } finally {
    await server.stop();
  }
  const errorOf = (name: string) => measured.errors.find((error) => error.measurement === name)?.message;
  const rows = [
    ...buildRows(measured),
    ...(runs("cli") ? cliRows(cli, errorOf("cli")) : []),
    ...(runs("bodies") ? bodiesRows(bodies, errorOf("bodies")) : []),
    ...(runs("rollups") ? rollupRows(rollups, errorOf("rollup-upkeep")) : []),
    ...(runs("reads") ? readsRows(reads, errorOf("reads")) : []),
  ];
  process.stdout.write(`${formatTable(HEADERS, rows)}\n`);
  const file = writeResults(RESULTS_DIR, {
    startedAt,
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    sections: [...options.sections],
    machine: describeMachine(),
    database: server.kind,
    ...measured,
    cli,
    bodies,
    rollups,
    reads,
    summary: summarize(measured),
    table: { headers: HEADERS, rows },
  });
  progress(`results written to ${file} and latest.json`);
  return measured.errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
