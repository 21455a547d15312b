import { fileURLToPath } from "node:url";
import { runTypeScript } from "./child-process.js";
import { openBenchDatabase, uriForDatabase } from "./database.js";
import { benchPrivateKey } from "./github-app.js";
import {
  MEMORY_RESULT_PREFIX,
  memoryResultSchema,
  type MemoryResult,
  type MemoryTask,
} from "./memory-protocol.js";
import { startSimulatedRepo } from "./simulated-repo.js";

export interface MemoryRun extends MemoryResult {
  prs: number;
}

const WORKER = fileURLToPath(new URL("./memory-worker.ts", import.meta.url));

/** One backfill of a `prs`-PR repository in a child process; the simulator answers from this one. */
async function measureOnce(mongoUri: string, prs: number): Promise<MemoryRun> {
  const target = await startSimulatedRepo({ prs, seed: "bench-memory" });
  const database = await openBenchDatabase(mongoUri, `memory${prs}`);
  try {
    const task: MemoryTask = {
      simulatorUrl: target.sim.url,
      privateKey: benchPrivateKey(),
      mongoUri: uriForDatabase(mongoUri, database.name),
      installationId: target.installationId,
      repoId: target.repoId,
      owner: target.owner,
      repo: target.repo,
    };
    const child = await runTypeScript(WORKER, { BENCH_MEMORY_TASK: JSON.stringify(task) });
    const line = child.stdout.split("\n").find((text) => text.startsWith(MEMORY_RESULT_PREFIX));
    if (child.code !== 0 || !line) {
      throw new Error(`the memory worker for ${prs} PRs exited with ${child.code}:\n${child.stderr.trim()}`);
    }
    return { prs, ...memoryResultSchema.parse(JSON.parse(line.slice(MEMORY_RESULT_PREFIX.length))) };
  } finally {
    await database.drop();
    await target.sim.stop();
  }
}

/** Row 3: the worker's peak memory for a small and a large repository, each in its own process. */
export async function measureMemory(mongoUri: string, sizes: readonly number[]): Promise<MemoryRun[]> {
  const runs: MemoryRun[] = [];
  for (const prs of sizes) runs.push(await measureOnce(mongoUri, prs));
  return runs;
}
