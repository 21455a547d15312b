/**
 * The worker's side of a backfill and nothing else, in a process of its own (rows 1 and 3), so its peak
 * RSS is the worker's: the simulator and the database run in other processes. Prints one line,
 * `MEMORY_RESULT {json}`, on stdout.
 */
import { connectDatabase } from "../src/storage/connect.js";
import { createStore } from "../src/storage/store.js";
import { createBenchProbot } from "./github-app.js";
import { sampleHeap, type HeapPeaks } from "./heap-sampler.js";
import { runMergelensBackfill } from "./mergelens-backfill.js";
import {
  MEMORY_RESULT_PREFIX,
  memoryTaskSchema,
  SAMPLE_MS,
  type MemoryResult,
  type MemoryTask,
} from "./memory-protocol.js";

async function main(task: MemoryTask): Promise<MemoryResult> {
  const connection = await connectDatabase(task.mongoUri);
  try {
    const store = createStore(connection);
    const app = createBenchProbot({
      simulatorUrl: task.simulatorUrl,
      octokit: "mergelens",
      throttling: false,
      privateKey: task.privateKey,
    });
    const startRssBytes = process.memoryUsage().rss;
    const sampler = sampleHeap(SAMPLE_MS);
    const started = Date.now();
    let peaks: HeapPeaks;
    try {
      await runMergelensBackfill({ ...task, app, store, days: 90 });
    } finally {
      peaks = sampler.stop();
    }
    const wallMs = Date.now() - started;
    return {
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...peaks,
      startRssBytes,
      prsStored: await store.pullRequests.countDocuments({ repoId: task.repoId, dataComplete: true }),
      wallMs,
    };
  } finally {
    await connection.close();
  }
}

const task = memoryTaskSchema.parse(JSON.parse(process.env.BENCH_MEMORY_TASK ?? "null"));
const result = await main(task);
process.stdout.write(`${MEMORY_RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
