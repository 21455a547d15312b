import { z } from "zod";

/** What the memory measurement and its child process (memory-worker.ts) pass each other. */

/** How often the child samples heapUsed. */
export const SAMPLE_MS = 20;

export const MEMORY_RESULT_PREFIX = "MEMORY_RESULT ";

export const memoryTaskSchema = z.object({
  simulatorUrl: z.string(),
  privateKey: z.string(),
  mongoUri: z.string(),
  installationId: z.number(),
  repoId: z.number(),
  owner: z.string(),
  repo: z.string(),
});

export type MemoryTask = z.infer<typeof memoryTaskSchema>;

export const memoryResultSchema = z.object({
  /** process.resourceUsage().maxRSS, in bytes. */
  peakRssBytes: z.number(),
  /** Highest heapUsed seen, sampled every SAMPLE_MS ms. */
  peakHeapUsedBytes: z.number(),
  /** Highest heapUsed just after a full garbage collection (the child runs with --expose-gc). */
  peakLiveHeapBytes: z.number(),
  /** RSS once the modules are loaded and the database is open, before the backfill starts. */
  startRssBytes: z.number(),
  prsStored: z.number(),
  wallMs: z.number(),
});

export type MemoryResult = z.infer<typeof memoryResultSchema>;
