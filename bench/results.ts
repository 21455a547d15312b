import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IngestResult } from "./measure-ingest.js";
import type { BodiesResult } from "./measure-bodies.js";
import type { CliResult } from "./measure-cli.js";
import type { RollupUpkeepResult } from "./measure-rollup-upkeep.js";
import type { ReadsResult } from "./measure-reads.js";
import type { MergeResult } from "./measure-merge.js";
import type { OpenedResult } from "./measure-opened.js";
import type { BackfillRun } from "./backfill-child.js";
import type { RequestsResult } from "./measure-requests.js";
import type { WallTimeResult } from "./measure-wall-time.js";
import type { Summary } from "./summary.js";

/** Everything one `npm run bench` measured, as written to bench/results/*.json. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  /** The sections run (`--only`; all by default). */
  sections: string[];
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
    node: string;
    platform: string;
    arch: string;
  };
  database: string;
  requests?: RequestsResult;
  wallTime?: WallTimeResult;
  memory?: BackfillRun[];
  merge?: MergeResult;
  ingest?: IngestResult;
  cli?: CliResult;
  rollups?: RollupUpkeepResult;
  reads?: ReadsResult;
  opened?: OpenedResult;
  bodies?: BodiesResult;
  /** Measurements that crashed, with their error. */
  errors: Array<{ measurement: string; message: string; stack?: string }>;
  summary: Summary;
  /** The printed table, row by row. */
  table: { headers: string[]; rows: string[][] };
}

export function describeMachine(): BenchResults["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** Writes `<timestamp>.json` and `latest.json` under `directory`; returns the timestamped file's path. */
export function writeResults(directory: string, results: BenchResults): string {
  mkdirSync(directory, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(directory, `${results.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, text);
  writeFileSync(path.join(directory, "latest.json"), text);
  return file;
}
