import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { testMongoUri } from "../harness/database.js";
import { testPrivateKey } from "../harness/private-key.js";

/** `npm start` as a user runs it: the real entry point in a child process. */
const entry = ["node_modules/.bin/tsx", "src/main.ts"];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
} {
  let output = "";
  const child = spawn(entry[0], entry.slice(1), {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? -1)));
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, deadline: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe("npm start", () => {
  it("stops at once with one line naming a bad variable", async () => {
    const run = start({ PORT: "not-a-port" });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      "mergelens: invalid environment: PORT: must be a whole number from 1 to 65535",
    );
  });

  it("serves /healthz, the API and the dashboard on PORT and shuts down cleanly on SIGTERM", async () => {
    const port = await freePort();
    const run = start({
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: "test-secret",
      MONGODB_URI: testMongoUri().replace("/?", `/start_test_${Date.now()}?`),
    });
    try {
      const response = await waitForHealth(port, Date.now() + 20_000);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
      const api = await fetch(`http://127.0.0.1:${port}/api/v1/pulls`);
      expect(api.status).toBe(401);
      const dashboard = await fetch(`http://127.0.0.1:${port}/dashboard`);
      expect(dashboard.status).toBe(200);
      expect(dashboard.headers.get("content-type")).toMatch(/^text\/html/);
    } finally {
      run.child.kill("SIGTERM");
    }
    expect(await run.exited).toBe(0);
  });
});
