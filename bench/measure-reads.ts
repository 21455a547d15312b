import { readFileSync } from "node:fs";
import { request } from "node:http";
import { startAppProcess, type AppProcess } from "./app-process.js";
import { openBenchDatabase, uriForDatabase } from "./database.js";
import { benchPrivateKey, BENCH_APP_ID } from "./github-app.js";
import { createReadsOrg, growReadsOrg, type SeededOrg } from "./reads-seed.js";
import { firstView, readRequests, type Get } from "./reads-requests.js";

/** p50 and p95 of one request's repeated timings, in milliseconds. */
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  /** Why the request failed (its row is an error then). */
  error?: string;
}

export interface ReadsAtSize {
  prs: number;
  seedSeconds: number;
  /** By request name (`readRequests()`' names, and `dashboard first view`). */
  timings: Record<string, Timing>;
  rssBeforeMb: number;
  /** After one answer to every request: the code paths loaded and the heap grown to its working size. */
  rssWarmMb: number;
  rssAfterMb: number;
}

export interface ReadsResult {
  sizes: ReadsAtSize[];
  /** "npm start's entry point (dist/main.js) as a child process". */
  server: string;
}

const APP_READY_MS = 60_000;
/** A request slower than this after its first run is not run all five times: it fails its row anyway. */
const ROW_BUDGET_MS = 30_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeOnce(request: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await request();
  return performance.now() - t0;
}

/**
 * One warm-up answer (it also loads the code path), then `runs` timed ones. A request whose warm-up
 * alone passes the budget is timed by that one answer: it is far past every target already.
 */
async function time(runs: number, request: () => Promise<unknown>): Promise<Timing> {
  const warm = await timeOnce(request);
  if (warm > ROW_BUDGET_MS) return { runs: 1, p50: warm, p95: warm };
  const took: number[] = [];
  const started = Date.now();
  while (took.length < runs && !(took.length > 0 && Date.now() - started > ROW_BUDGET_MS)) {
    took.push(await timeOnce(request));
  }
  const sorted = [...took].sort((a, b) => a - b);
  return { runs: took.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const rssMb = (pid: number): number => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

/**
 * GET with node:http rather than fetch: fetch gives up on an answer that takes over 300 s, and before
 * the rollups some answers at 250,000 PRs take longer; the bench must time them, not fail.
 */
function getJson(url: URL, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      response.on("error", reject);
    });
    sent.on("error", reject);
    sent.end();
  });
}

function client(app: AppProcess, org: SeededOrg): Get {
  return async (path, params = {}) => {
    const url = new URL(`/api/v1/${path}`, app.url);
    for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
    const { status, text } = await getJson(url, org.token);
    if (status !== 200) throw new Error(`GET ${url.pathname}${url.search}: ${status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
}

async function measureSize(
  mongoUri: string,
  databaseName: string,
  org: SeededOrg,
  prs: number,
  seedSeconds: number,
  runs: number,
  progress: (message: string) => void,
): Promise<ReadsAtSize> {
  const app = await startAppProcess(
    {
      APP_ID: String(BENCH_APP_ID),
      PRIVATE_KEY: benchPrivateKey(),
      WEBHOOK_SECRET: "reads-bench",
      // Nothing syncs while it answers: GitHub is an unused local port and the schedule is yearly.
      GHE_HOST: "127.0.0.1:9",
      GHE_PROTOCOL: "http",
      SYNC_SCHEDULE: "0 4 1 1 *",
      MONGODB_URI: uriForDatabase(mongoUri, databaseName),
      LOG_LEVEL: "warn",
    },
    APP_READY_MS,
  );
  try {
    const get = client(app, org);
    const requests = readRequests();
    const rssBeforeMb = rssMb(app.pid);
    // One answer to each first, failures included (their rows report them below).
    for (const request of requests) await request.run(get, org).catch(() => undefined);
    await firstView(get, org, new Date()).catch(() => undefined);
    const rssWarmMb = rssMb(app.pid);
    const timings: Record<string, Timing> = {};
    const timed = async (name: string, call: () => Promise<unknown>) => {
      // A request that fails is that row's failure; the other rows are still measured.
      timings[name] = await time(runs, call).catch((error: unknown) => ({
        runs: 0,
        p50: Number.NaN,
        p95: Number.NaN,
        error: error instanceof Error ? error.message : String(error),
      }));
      progress(
        `reads ${prs}: ${name} p50 ${Math.round(timings[name].p50)} ms, p95 ${Math.round(timings[name].p95)} ms`,
      );
    };
    for (const request of requests) await timed(request.name, () => request.run(get, org));
    await timed("dashboard first view", () => firstView(get, org, new Date()));
    return { prs, seedSeconds, timings, rssBeforeMb, rssWarmMb, rssAfterMb: rssMb(app.pid) };
  } finally {
    await app.stop();
  }
}

/**
 * The `reads` section: one organisation grown to each size in turn (a larger size keeps the smaller's
 * PRs), asked through the app's HTTP API at each.
 */
export async function measureReads(options: {
  mongoUri: string;
  sizes: readonly number[];
  runs: number;
  progress: (message: string) => void;
}): Promise<ReadsResult> {
  const database = await openBenchDatabase(options.mongoUri, "reads");
  try {
    const org = await createReadsOrg(database.store);
    const sizes: ReadsAtSize[] = [];
    let stored = 0;
    for (const prs of options.sizes) {
      const seeding = Date.now();
      await growReadsOrg(database.store, org, stored, prs, options.progress);
      stored = prs;
      const seedSeconds = (Date.now() - seeding) / 1000;
      options.progress(`reads: ${prs} PRs stored (${Math.round(seedSeconds)} s); starting the app`);
      sizes.push(
        await measureSize(
          options.mongoUri,
          database.name,
          org,
          prs,
          seedSeconds,
          options.runs,
          options.progress,
        ),
      );
    }
    return { sizes, server: "npm start's entry point (dist/main.js) as a child process" };
  } finally {
    await database.drop();
  }
}
