import { hostname } from "node:os";
import type { Logger } from "pino";
import { Probot, Server } from "probot";
import { createApp, DEFAULT_ACK_TIMEOUT_MS } from "../app.js";
import { createInboxWriter, inboxStorage } from "../storage/inbox/index.js";
import { DEFAULT_WEBHOOK_SECRET, PROBOT_UNUSED_WEBHOOK_PATH } from "../webhooks/receive/route.js";
import { githubBaseUrls, githubWebUrl, type Env } from "../config/env.js";
import { createOctokitClass } from "../github/index.js";
import { createErrorReporter } from "../observability/error-reporter.js";
import { createQueue, createSyncHooks, startWorker } from "../sync/index.js";
import { openDatabase, type OpenDatabase } from "./database.js";
import { startInboxProcessor } from "./start-inbox.js";

export interface StartAppOptions {
  env: Env;
  log: Logger;
  appId: number;
  privateKey: string;
  /** Run the job worker in this process too (`npm start`); webhook-only servers scale out without it. */
  worker?: boolean;
  /** The worker's `stopGraceMs`: how long `stop()` lets running jobs reach a checkpoint. */
  stopGraceMs?: number;
}

export interface RunningApp {
  port: number;
  database: OpenDatabase;
  /** Stops taking webhooks, drains the worker, then closes the database. */
  stop(): Promise<void>;
}

/** The whole app in one process: webhook server, query API, dashboard and job worker. */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { env, log } = options;
  const database = await openDatabase(env, log);
  const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, log });
  const mongo = database.store.db.db;
  if (!mongo) throw new Error("the database connection is not open");
  const queue = await createQueue(mongo, { name: `app ${hostname()} ${process.pid}` });
  const hooks = createSyncHooks(queue, env, database.store);
  const AppProbot = Probot.defaults({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: env.WEBHOOK_SECRET,
    baseUrl: githubBaseUrls(env).rest,
    Octokit: createOctokitClass(),
    log,
  });

  const server = new Server({
    port: env.PORT,
    host: process.env.HOST,
    log,
    Probot: AppProbot,
    // Our route stores deliveries raw (src/webhooks/receive); Probot's own is moved out of the way.
    webhookPath: PROBOT_UNUSED_WEBHOOK_PATH,
  });
  const writer = createInboxWriter(inboxStorage(database.store), { timeoutMs: DEFAULT_ACK_TIMEOUT_MS });
  await server.load(
    createApp({
      writer,
      store: database.store,
      webhookSecret: env.WEBHOOK_SECRET ?? DEFAULT_WEBHOOK_SECRET,
      githubUrl: githubWebUrl(env),
      apiRateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
    }),
  );
  const app = new AppProbot();
  const worker =
    options.worker === false
      ? null
      : {
          jobs: await startWorker({
            queue,
            store: database.store,
            app,
            env,
            log,
            reportError: (error, context) => errors.report(error, context),
            stopGraceMs: options.stopGraceMs,
          }),
          inbox: await startInboxProcessor({
            store: database.store,
            app,
            hooks,
            errors,
            log,
            env,
            // One process: acknowledgements go first, the backlog is applied when they pause.
            processor: { ingestBusy: writer.busy },
          }),
        };
  // Listen last: once /healthz answers, every part is up.
  const http = await server.start();
  const address = http.address();

  return {
    port: typeof address === "object" && address ? address.port : env.PORT,
    database,
    async stop() {
      await server.stop();
      await worker?.inbox.stop();
      await worker?.jobs.stop();
      await database.close();
      await errors.flush();
    },
  };
}
