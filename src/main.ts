import { getPrivateKey } from "@probot/get-private-key";
import { run } from "probot";
import { EnvError, parseEnv, type Env } from "./config/env.js";
import { createLogger } from "./observability/logger.js";
import { onShutdown } from "./runtime/shutdown.js";
import { startApp, type RunningApp } from "./runtime/start-app.js";

/** `npm start`: webhook server, query API, dashboard and job worker in one process. */
async function main(env: Env): Promise<void> {
  const log = await createLogger(env);
  const privateKey = getPrivateKey({ env: process.env }) ?? undefined;
  if (!env.APP_ID || !privateKey) {
    log.warn(
      "No GitHub App credentials (APP_ID, PRIVATE_KEY): opening Probot's setup page to register the app",
    );
    await run(() => undefined);
    return;
  }
  if (!env.WEBHOOK_SECRET)
    log.warn("WEBHOOK_SECRET is unset: Probot accepts deliveries signed with 'development'");
  // Signals are handled from here on, so a SIGTERM during start-up still closes what has started.
  const running: { app?: RunningApp } = {};
  onShutdown(log, [async () => running.app?.stop()]);
  running.app = await startApp({ env, log, appId: env.APP_ID, privateKey });
  log.info({ port: running.app.port }, "mergelens is running: webhooks, API, dashboard and job worker");
}

try {
  await main(parseEnv(process.env));
} catch (error) {
  // A bad environment is the operator's to fix: one line, no stack trace.
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
