import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { createToken } from "../api/tokens.js";
import { parseEnv, type Env } from "../config/env.js";
import { throwawayPrivateKey } from "../runtime/app-key.js";
import { startApp, type RunningApp } from "../runtime/start-app.js";
import type { SimulatedOrg } from "../simulator/generate-org.js";
import { startSimulator, type Simulator } from "../simulator/server.js";
import { startEmbeddedServer, type EmbeddedServer } from "../storage/embedded-server.js";
import { deliverWebhook, installationCreatedPayload } from "./install.js";
import { assertPortFree } from "./port.js";

export interface DemoOptions {
  log: Logger;
  seed?: string;
  org?: string;
  repos?: number;
  prsPerRepo?: number;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** A MongoDB to use; unset: a throw-away in-memory embedded server (never the user's `.data/mongo`). */
  mongodbUri?: string;
  /** Passed through to the app (BACKFILL_DAYS, LOG_LEVEL, …). */
  env?: Record<string, string | undefined>;
  projectRoot?: string;
}

export interface Demo {
  port: number;
  token: string;
  mongodbUri: string;
  org: SimulatedOrg;
  installationId: number;
  simulator: Simulator;
  app: RunningApp;
  /** Stops the app, then the embedded database, then the simulator; safe to call twice. */
  stop(): Promise<void>;
}

const APP_ID = 1;
const STOP_TIMEOUT_MS = 5_000;
/**
 * Running jobs get 1 s to reach a checkpoint, then their GitHub calls are interrupted (an interrupted
 * page is only fetched again by the next run). A page being stored is not cut short, and the embedded
 * database takes seconds for one: hence the app's longer allowance.
 */
const STOP_GRACE_MS = 1_000;
const APP_STOP_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Simulator, database and app, then the sample organisation installed and an API token for it. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const closers: Array<{ name: string; close: () => Promise<void>; timeoutMs?: number }> = [];
  const stop = async () => {
    for (const { name, close, timeoutMs = STOP_TIMEOUT_MS } of closers.splice(0).reverse()) {
      const timer = sleep(timeoutMs, "timeout", { ref: false });
      const outcome = await Promise.race([close().then(() => "stopped"), timer]);
      if (outcome === "timeout")
        options.log.warn(`the ${name} did not stop within ${timeoutMs / 1000} s; leaving it`);
    }
  };
  // Before anything starts: a taken port then costs one line and no clean-up.
  if (options.port !== 0) await assertPortFree(options.port ?? 3000);
  try {
    const simulator = await startSimulator({
      seed: options.seed ?? "demo",
      org: options.org ?? "acme",
      repos: options.repos ?? 3,
      prsPerRepo: options.prsPerRepo ?? 120,
      appId: APP_ID,
    });
    closers.push({ name: "simulator", close: () => simulator.stop() });

    let mongodbUri = options.mongodbUri;
    if (!mongodbUri) {
      const embedded: EmbeddedServer = await startEmbeddedServer({
        storagePath: ":memory:",
        projectRoot: options.projectRoot ?? process.cwd(),
      });
      closers.push({ name: "embedded database", close: () => embedded.stop() });
      mongodbUri = embedded.uri;
    }

    const port = options.port === 0 ? await freePort() : (options.port ?? 3000);
    const secret = randomBytes(24).toString("hex");
    const env: Env = parseEnv({
      ...options.env,
      ...simulator.env,
      PORT: String(port),
      WEBHOOK_SECRET: secret,
      MONGODB_URI: mongodbUri,
    });
    const app = await startApp({
      env,
      log: options.log,
      appId: APP_ID,
      privateKey: throwawayPrivateKey(),
      worker: true,
      stopGraceMs: STOP_GRACE_MS,
    });
    closers.push({ name: "app", close: () => app.stop(), timeoutMs: APP_STOP_TIMEOUT_MS });

    const { org } = simulator;
    await deliverWebhook({
      port: app.port,
      secret,
      event: "installation",
      payload: installationCreatedPayload(org, APP_ID),
    });
    const { token } = await createToken(app.database.store, {
      installationId: org.installationId,
      name: "demo",
    });
    return {
      port: app.port,
      token,
      mongodbUri,
      org,
      installationId: org.installationId,
      simulator,
      app,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
