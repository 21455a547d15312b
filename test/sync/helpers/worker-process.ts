import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import type { Simulator } from "../../../src/simulator/server.js";
import { testMongoUri } from "../../harness/database.js";
import { testPrivateKey } from "../../harness/private-key.js";
import { waitFor } from "./wait-for.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** `npm run worker` as a child process: what operators run, several at once. */
export interface WorkerProcess {
  pid: number;
  /** Agenda's name for it, as `lastModifiedBy` on the jobs it locks. */
  name: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  log(): string;
  kill(signal: NodeJS.Signals): void;
}

/** The test database's URI (or `serverUri`'s), naming the database (the worker takes it from MONGODB_URI alone). */
export function databaseUri(dbName: string, serverUri = testMongoUri()): string {
  const url = new URL(serverUri);
  url.pathname = `/${dbName}`;
  return url.toString();
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
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker-main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...sim.env,
      MONGODB_URI: databaseUri(dbName, serverUri),
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("the worker process did not start");
  const worker: WorkerProcess = {
    pid,
    name: `worker ${hostname()} ${pid}`,
    exited,
    log: () => output.join(""),
    kill: (signal) => child.kill(signal),
  };
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the worker exited early:\n${worker.log()}`);
    return worker.log().includes("mergelens worker started");
  }, 30_000);
  return worker;
}
