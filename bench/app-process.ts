import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** An HTTP server run as a child process (by default `npm start`'s entry point, as an operator runs it). */
export interface AppProcess {
  url: string;
  /** The app's own process (node runs the entry directly, with no npm in between). */
  pid: number;
  /** Bytes the app has written to stdout and stderr so far: its log's growth. */
  logBytes(): number;
  /** The last lines the app logged, for error messages. */
  logTail(): string;
  stop(): Promise<void>;
}

const TAIL_LINES = 30;
const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

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

/** Which file to run (TypeScript through tsx, or compiled JavaScript), and the path that answers 200 once it is ready. */
export interface ServerEntry {
  file: string;
  readyPath: string;
}

/** What `npm start` runs: the compiled app (`npm run bench` builds it first). */
export const MERGELENS_ENTRY: ServerEntry = { file: "dist/main.js", readyPath: "/healthz" };

const nodeArgs = (file: string) => [
  ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ...(file.endsWith(".ts") ? ["--import", "tsx"] : []),
  file,
];

/** Starts `entry` with `env` on top of a clean environment and waits until its ready path answers 200. */
export async function startAppProcess(
  env: Record<string, string>,
  readyTimeoutMs: number,
  entry: ServerEntry = MERGELENS_ENTRY,
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs(entry.file), {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, PORT: String(port) },
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let logged = 0;
  const keep = (chunk: Buffer) => {
    logged += chunk.length;
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  if (child.pid === undefined) throw new Error(`${entry.file} could not be started`);
  const app: AppProcess = {
    url,
    pid: child.pid,
    logBytes: () => logged,
    logTail: () => lines.join("\n"),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${entry.file} exited with ${child.exitCode}:\n${app.logTail()}`);
    const healthy = await fetch(`${url}${entry.readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return app;
    await sleep(200);
  }
  await app.stop();
  throw new Error(
    `${entry.file} did not answer ${entry.readyPath} within ${readyTimeoutMs} ms:\n${app.logTail()}`,
  );
}
