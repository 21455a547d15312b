import { randomBytes } from "node:crypto";
import type { Db } from "mongodb";
import { installationCreatedPayload } from "../src/demo/install.js";
import { waitForBackfill } from "../src/demo/progress.js";
import { startSimulator, type Simulator } from "../src/simulator/server.js";
import { startAppProcess, type ServerEntry } from "./app-process.js";
import { openBenchDatabase, uriForDatabase, type BenchDatabase } from "./database.js";
import { buildDeliveryPool, type PooledDelivery } from "./delivery-pool.js";
import { fireDeliveries, type BurstResult } from "./fire-deliveries.js";
import { benchPrivateKey, BENCH_APP_ID } from "./github-app.js";
import { countStates, tallyAcknowledged, type InboxCounts } from "./inbox-contract.js";
import { inboxInUse, readInbox, waitForDrain } from "./inbox-drain.js";
import { acknowledgedPerSecond, drainFigures, type DrainResult } from "./ingest-figures.js";
import { postDelivery, signDelivery } from "./merge-delivery.js";

export interface IngestOptions {
  mongoUri: string;
  repos: number;
  prsPerRepo: number;
  /** Distinct pre-signed bodies the burst cycles through. */
  poolSize: number;
  connections: number;
  durationSeconds: number;
  /** How long to wait after the burst for the backlog to drain (a missed target, not a crash). */
  drainTimeoutMs: number;
  backfillTimeoutMs: number;
  progress: (message: string) => void;
}

export interface IngestSide {
  burst: BurstResult;
  acknowledgedPerSecond: number;
}

export interface IngestResult {
  repos: number;
  prsPerRepo: number;
  backfillMs: number;
  prsStored: number;
  poolSize: number;
  poolKinds: Record<string, number>;
  bare: IngestSide;
  mergelens: IngestSide;
  drain: DrainResult;
}

const BARE_ENTRY: ServerEntry = { file: "bench/bare-probot.ts", readyPath: "/ping" };
const APP_READY_MS = 60_000;
/** Rare: each poll reads every pending batch on the embedded server (see `waitForDrain`). */
const DRAIN_POLL_MS = 1_000;
const HOUR = 3_600_000;
/** The installation's hourly budget, raised: the backfill of a demo-sized organisation is not the subject. */
const UNLIMITED = 100_000_000;

const side = (burst: BurstResult): IngestSide => ({
  burst,
  acknowledgedPerSecond: acknowledgedPerSecond(burst),
});

function kindsOf(pool: readonly PooledDelivery[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const delivery of pool) kinds[delivery.kind] = (kinds[delivery.kind] ?? 0) + 1;
  return kinds;
}

async function fireAtBareProbot(pool: PooledDelivery[], secret: string, options: IngestOptions) {
  const env = { APP_ID: String(BENCH_APP_ID), PRIVATE_KEY: benchPrivateKey(), WEBHOOK_SECRET: secret };
  const app = await startAppProcess({ ...env, LOG_LEVEL: "warn" }, APP_READY_MS, BARE_ENTRY);
  try {
    const { connections, durationSeconds } = options;
    return side((await fireDeliveries({ url: app.url, pool, connections, durationSeconds })).result);
  } finally {
    await app.stop();
  }
}

/** After the burst: the drain time, applied rate and the proof, or `no-inbox` for an app without one. */
async function measureDrain(
  db: Db,
  before: InboxCounts,
  burst: BurstResult,
  ids: string[],
  timeoutMs: number,
): Promise<DrainResult> {
  if (!(await inboxInUse(db))) return { status: "no-inbox" } as const;
  const wait = await waitForDrain(db, { timeoutMs, pollMs: DRAIN_POLL_MS });
  const { entries, lastAppliedAt } = await readInbox(db);
  const after = countStates(entries);
  const proof = tallyAcknowledged(ids, entries);
  const times = {
    burstStart: Date.parse(burst.startedAt),
    burstEnd: Date.parse(burst.finishedAt),
    // Drained when the last batch was recorded applied; the poll only notices it up to 2 s later.
    drainedAt:
      wait.status === "drained" ? Math.min(wait.drainedAt, lastAppliedAt ?? Infinity) : wait.gaveUpAt,
  };
  const { drainMs, ...figures } = drainFigures(before, after, times);
  if (wait.status === "timeout") {
    return { status: "timeout", timeoutMs, pending: after.pending, ...figures, proof } as const;
  }
  return { status: "drained", drainMs, ...figures, proof } as const;
}

async function fireAtMergelens(
  sim: Simulator,
  database: BenchDatabase,
  pool: PooledDelivery[],
  secret: string,
  options: IngestOptions,
) {
  const app = await startAppProcess(
    {
      APP_ID: String(BENCH_APP_ID),
      PRIVATE_KEY: benchPrivateKey(),
      WEBHOOK_SECRET: secret,
      ...sim.env,
      MONGODB_URI: uriForDatabase(options.mongoUri, database.name),
      LOG_LEVEL: "warn",
    },
    APP_READY_MS,
  );
  try {
    const started = Date.now();
    await postDelivery(
      app.url,
      signDelivery("installation", installationCreatedPayload(sim.org, BENCH_APP_ID), secret),
    );
    const repos = await waitForBackfill({
      store: database.store,
      installationId: sim.org.installationId,
      expected: sim.org.repos.length,
      timeoutMs: options.backfillTimeoutMs,
    });
    const failed = repos.filter((repo) => repo.syncStatus !== "complete");
    if (failed.length > 0)
      throw new Error(`the backfill failed: ${JSON.stringify(failed)}\n${app.logTail()}`);
    const backfillMs = Date.now() - started;
    options.progress(`ingest: backfilled in ${Math.round(backfillMs / 1000)} s; burst at mergelens`);
    const db = database.store.db.db;
    if (!db) throw new Error("the bench database connection is not open");
    const before = countStates((await readInbox(db)).entries);
    const { connections, durationSeconds } = options;
    const { result, acknowledgedIds } = await fireDeliveries({
      url: app.url,
      pool,
      connections,
      durationSeconds,
    });
    options.progress(`ingest: ${result.acknowledged} acknowledged; waiting for the backlog to drain`);
    const drain = await measureDrain(db, before, result, acknowledgedIds, options.drainTimeoutMs);
    const prsStored = repos.reduce((sum, repo) => sum + repo.prsStored, 0);
    return { backfillMs, prsStored, mergelens: side(result), drain };
  } finally {
    await app.stop();
  }
}

/**
 * The ingest section (issue 9's proof): the same signed deliveries fired with autocannon at a bare
 * Probot app and at `npm start` after the organisation's backfill, then the inbox watched until the
 * backlog is drained and every acknowledged delivery looked up.
 */
export async function measureIngest(options: IngestOptions): Promise<IngestResult> {
  const sim = await startSimulator({
    seed: "bench-ingest",
    repos: options.repos,
    prsPerRepo: options.prsPerRepo,
    days: 60,
    // History ends an hour ago, so the burst's one-second-apart `updated_at`s stay in the past.
    now: Date.now() - HOUR,
    rateLimit: { limit: UNLIMITED },
  });
  const database = await openBenchDatabase(options.mongoUri, "ingest");
  const secret = randomBytes(16).toString("hex");
  try {
    const urls = { api: `${sim.url}/api/v3`, web: sim.url };
    const startAt = sim.org.world.now + 1000;
    const pool = buildDeliveryPool(sim.org, urls, secret, { size: options.poolSize, startAt, stepMs: 1000 });
    options.progress(`ingest: ${pool.length} signed deliveries; burst at a bare Probot app`);
    const bare = await fireAtBareProbot(pool, secret, options);
    options.progress(
      `ingest: bare Probot acknowledged ${bare.burst.acknowledged}; backfilling for mergelens`,
    );
    const measured = await fireAtMergelens(sim, database, pool, secret, options);
    return {
      repos: options.repos,
      prsPerRepo: options.prsPerRepo,
      poolSize: pool.length,
      poolKinds: kindsOf(pool),
      bare,
      ...measured,
    };
  } finally {
    await database.drop();
    await sim.stop();
  }
}
