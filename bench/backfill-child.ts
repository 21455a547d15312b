import { fileURLToPath } from "node:url";
import { runTypeScript } from "./child-process.js";
import { uriForDatabase } from "./database.js";
import { benchPrivateKey } from "./github-app.js";
import {
  MEMORY_RESULT_PREFIX,
  memoryResultSchema,
  type MemoryResult,
  type MemoryTask,
} from "./memory-protocol.js";
import type { SimulatedRepo } from "./simulated-repo.js";

export interface BackfillRun extends MemoryResult {
  prs: number;
}

const WORKER = fileURLToPath(new URL("./memory-worker.ts", import.meta.url));

/**
 * mergelens's backfill of `target` in a child process (bench/memory-worker.ts), storing into database
 * `databaseName`; the simulator keeps answering from this process, so its counters see every request.
 */
export async function runBackfillInChild(
  target: SimulatedRepo,
  mongoUri: string,
  databaseName: string,
): Promise<BackfillRun> {
  const task: MemoryTask = {
    simulatorUrl: target.sim.url,
    privateKey: benchPrivateKey(),
    mongoUri: uriForDatabase(mongoUri, databaseName),
    installationId: target.installationId,
    repoId: target.repoId,
    owner: target.owner,
    repo: target.repo,
  };
  const prs = target.sim.org.pulls(target.repo).length;
  const child = await runTypeScript(WORKER, { BENCH_MEMORY_TASK: JSON.stringify(task) }, ["--expose-gc"]);
  const line = child.stdout.split("\n").find((text) => text.startsWith(MEMORY_RESULT_PREFIX));
  if (child.code !== 0 || !line) {
    const end = child.signal ? `was killed by ${child.signal}` : `exited with ${child.code}`;
    throw new Error(`the backfill of ${prs} PRs ${end}\n${child.stderr.trim()}`);
  }
  return { prs, ...memoryResultSchema.parse(JSON.parse(line.slice(MEMORY_RESULT_PREFIX.length))) };
}
