import { runBackfillInChild, type BackfillRun } from "./backfill-child.js";
import { openBenchDatabase } from "./database.js";
import { startSimulatedRepo } from "./simulated-repo.js";

/**
 * Row 3: the worker's peak memory backfilling a `prs`-PR repository in its own process, to compare with
 * row 1's backfill, which runs in the same kind of process.
 */
export async function measureMemory(mongoUri: string, prs: number): Promise<BackfillRun> {
  const target = await startSimulatedRepo({ prs, seed: "bench-memory" });
  const database = await openBenchDatabase(mongoUri, `memory${prs}`);
  try {
    return await runBackfillInChild(target, mongoUri, database.name);
  } finally {
    await database.drop();
    await target.sim.stop();
  }
}
