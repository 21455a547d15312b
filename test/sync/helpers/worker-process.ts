import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import type { Simulator } from "../../../src/simulator/server.js";
import { testMongoUri } from "../../harness/database.js";
import { testPrivateKey } from "../../harness/private-key.js";
import { waitFor } from "./wait-for.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** A product entry point run as a child process (`npm run worker`, `npm start`), its output kept. */
export interface ProductProcess {
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  log(): string;
  kill(signal: NodeJS.Signals): void;
}

/** `npm run worker` as a child process: what operators run, several at once. */
export interface WorkerProcess extends ProductProcess {
  /** Agenda's name for it, as `lastModifiedBy` on the jobs it locks. */
  name: string;
}

/** The test database's URI (or `serverUri`'s), naming the database (the worker takes it from MONGODB_URI alone). */
export function databaseUri(dbName: string, serverUri = testMongoUri()): string {
  const url = new URL(serverUri);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** What the product's processes need to run against the simulator and a test database, and nothing else. */
export function productEnv(sim: Simulator, dbName: string, serverUri?: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...sim.env,
    MONGODB_URI: databaseUri(dbName, serverUri),
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
  };
}

/** Spawns `node <args>` in the project root and waits until its output says `readyLine`. */
export async function spawnProductProcess(
  args: string[],
  env: Record<string, string>,
  readyLine: string,
): Promise<ProductProcess> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`node ${args.join(" ")} did not start`);
  const started: ProductProcess = {
    pid,
    exited,
    log: () => output.join(""),
    kill: (signal) => child.kill(signal),
  };
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`node ${args.join(" ")} exited early:\n${started.log()}`);
    return started.log().includes(readyLine);
  }, 30_000);
  return started;
}

/**
 * Starts `src/worker-main.ts` (through tsx's loader, no wrapper process) and waits until it runs; on the
 * run's test server unless `serverUri` names another (a fault test's own, which it stops and restarts).
 */
export async function startWorkerProcess(
  sim: Simulator,
  dbName: string,
  serverUri?: string,
): Promise<WorkerProcess> {
  const worker = await spawnProductProcess(
    ["--import", "tsx", "src/worker-main.ts"],
    productEnv(sim, dbName, serverUri),
    "mergelens worker started",
  );
  return { ...worker, name: `worker ${hostname()} ${worker.pid}` };
}
