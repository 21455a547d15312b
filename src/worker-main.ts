import { hostname } from "node:os";
import { getPrivateKey } from "@probot/get-private-key";
import { Probot } from "probot";
import { EnvError, githubBaseUrls, parseEnv, type Env } from "./config/env.js";
import { createOctokitClass } from "./github/index.js";
import { createErrorReporter } from "./observability/error-reporter.js";
import { createLogger } from "./observability/logger.js";
import { openDatabase } from "./runtime/database.js";
import { onShutdown } from "./runtime/shutdown.js";
import { startInboxProcessor } from "./runtime/start-inbox.js";
import { createSyncHooks } from "./sync/hooks.js";
import { createQueue } from "./sync/queue.js";
import { startWorker } from "./sync/worker.js";

/** `npm run worker`: the job worker alone, beside webhook servers or Lambda, against their database. */
async function main(env: Env): Promise<void> {
  const privateKey = getPrivateKey({ env: process.env }) ?? undefined;
  if (!env.APP_ID || !privateKey) {
    throw new EnvError(
      "mergelens worker: set APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH (jobs call GitHub as the app)",
    );
  }
  // An embedded database of its own would hold no jobs: the worker must share the app's.
  if (!env.MONGODB_URI) throw new EnvError("mergelens worker: set MONGODB_URI to the database the app uses");
  const log = await createLogger(env);
  const database = await openDatabase(env, log);
  const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, log });
  const db = database.store.db.db;
  if (!db) throw new Error("the database connection is not open");
  const queue = await createQueue(db, { name: `worker ${hostname()} ${process.pid}` });
  const app = new Probot({
    appId: env.APP_ID,
    privateKey,
    baseUrl: githubBaseUrls(env).rest,
    Octokit: createOctokitClass(),
    log,
  });
  const worker = await startWorker({
    queue,
    store: database.store,
    app,
    env,
    log,
    reportError: (error, context) => errors.report(error, context),
  });
  const inbox = await startInboxProcessor({
    store: database.store,
    app,
    hooks: createSyncHooks(queue, env, database.store),
    errors,
    log,
    env,
  });
  log.info("mergelens worker started: jobs and webhook inbox");
  onShutdown(log, [() => inbox.stop(), () => worker.stop(), () => database.close(), () => errors.flush()]);
}

try {
  await main(parseEnv(process.env));
} catch (error) {
  // A bad environment is the operator's to fix: one line, no stack trace.
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
