import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { MongoClient } from "mongodb";

/**
 * A MongoDB wire-protocol server started as a child process, for `npm start` without MONGODB_URI and for
 * the test suite. MongoDB is not packaged for Debian and mongodb-memory-server cannot download `mongod`
 * on every network, so we run SecantusDB (installed by `npm run setup` into .tools/venv).
 */
export interface EmbeddedServer {
  uri: string;
  port: number;
  /** SIGTERM (the server closes its files), SIGKILL after 5 s; `signal: "SIGKILL"` kills at once. */
  stop(options?: { signal?: "SIGTERM" | "SIGKILL" }): Promise<void>;
}

export interface EmbeddedServerOptions {
  /** Directory for the data files, or ":memory:" for a throw-away database. */
  storagePath: string;
  projectRoot: string;
  startTimeoutMs?: number;
  /** A fixed port (e.g. to start a stopped server again where its clients expect it); default: a free one. */
  port?: number;
  /** WiredTiger's cache, e.g. "6G" (default 1G): in memory it is all the room the data has. */
  cacheSize?: string;
}

export function findServerBinary(projectRoot: string): string {
  const local = path.join(projectRoot, ".tools", "venv", "bin", "secantusd-py");
  if (existsSync(local)) return local;
  const onPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, "secantusd-py"))
    .find((candidate) => existsSync(candidate));
  if (onPath) return onPath;
  throw new Error(
    "No MongoDB server available: set MONGODB_URI, or run `npm run setup` to install the embedded one",
  );
}

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(uri: string, child: ChildProcess, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`embedded MongoDB exited with code ${child.exitCode}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db("admin").command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`embedded MongoDB did not answer in time: ${String(lastError)}`);
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const binary = findServerBinary(options.projectRoot);
  if (options.storagePath !== ":memory:") mkdirSync(options.storagePath, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--storage-path",
      options.storagePath,
      "--log-level",
      "WARNING",
      // Not advertised as a replica set, SecantusDB keeps no oplog: a BSON encode and a write per
      // changed document, for change streams and transactions this app never uses.
      "--standalone",
      ...(options.cacheSize ? ["--cache-size", options.cacheSize] : []),
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  // SecantusDB keeps every retryable write's reply and scans (past 10,000 of them, sorts) the lot on each
  // write: 1.3 ms writes become 8 ms after a busy minute. Our writes are guarded and retried by their
  // callers (STACK.md), so the embedded server goes without.
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true&retryWrites=false`;
  try {
    await waitUntilAnswering(uri, child, Date.now() + (options.startTimeoutMs ?? 30_000));
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    uri,
    port,
    stop: ({ signal = "SIGTERM" } = {}) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill(signal);
      }),
  };
}
