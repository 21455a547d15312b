import { createRequire } from "node:module";
import { getPrivateKey } from "@probot/get-private-key";
import { Probot } from "probot";
import { createWebhookApp } from "./app.js";
import { EnvError, githubBaseUrls, githubWebUrl, parseEnv } from "./config/env.js";
import { createOctokitClass } from "./github/index.js";
import { createErrorReporter } from "./observability/error-reporter.js";
import { createLogger } from "./observability/logger.js";
import { openDatabase } from "./runtime/database.js";
import { createQueue, createSyncHooks, enqueueInstallationSyncs, enqueue } from "./sync/index.js";

/**
 * AWS Lambda: the webhook function and the scheduled sync only ENQUEUE. Jobs run in `npm run worker`,
 * a long-lived process beside them (no Agenda polling inside Lambda). Set-up happens once per cold
 * start, outside the handlers, so warm invocations reuse the database connection.
 */
interface HttpEvent {
  headers: Record<string, string | undefined>;
  body: string | null;
  isBase64Encoded?: boolean;
  httpMethod?: string;
  path?: string;
}
interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}
type AdapterFunction = (probot: Probot, event: HttpEvent, context: unknown) => Promise<HttpResult>;

// The adapter is CommonJS built for Probot 13; its request handling takes our Probot 14 instance as is.
const lambdaFunction = createRequire(import.meta.url)(
  "@probot/adapter-aws-lambda-serverless/lambda-function.js",
) as AdapterFunction;

const env = parseEnv(process.env);
const privateKey = getPrivateKey({ env: process.env }) ?? undefined;
if (!env.APP_ID || !privateKey) throw new EnvError("mergelens lambda: set APP_ID and PRIVATE_KEY");
// Lambda has no disk to keep an embedded database on, and the worker must share this one.
if (!env.MONGODB_URI) throw new EnvError("mergelens lambda: set MONGODB_URI to the database the worker uses");

const log = await createLogger(env);
const database = await openDatabase(env, log);
const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, log });
const mongo = database.store.db.db;
if (!mongo) throw new Error("the database connection is not open");
const queue = await createQueue(mongo);
const hooks = createSyncHooks(queue, env, database.store);

const probot = new Probot({
  appId: env.APP_ID,
  privateKey,
  secret: env.WEBHOOK_SECRET,
  baseUrl: githubBaseUrls(env).rest,
  Octokit: createOctokitClass(),
  log,
});
await probot.load(
  createWebhookApp({
    store: database.store,
    errors,
    githubUrl: githubWebUrl(env),
    ...hooks,
  }),
);

/** The status @octokit/webhooks gives a refused delivery (400 for a bad signature), else 500. */
function statusOf(error: unknown): number {
  const errors = error instanceof AggregateError ? error.errors : [error];
  const status = (errors[0] as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

export async function webhooks(event: HttpEvent, context: unknown): Promise<HttpResult> {
  // HTTP API payloads may arrive base64-encoded; the signature is over the raw text.
  const body =
    event.isBase64Encoded && event.body ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return await lambdaFunction(probot, { ...event, body, isBase64Encoded: false }, context);
  } catch (error) {
    const statusCode = statusOf(error);
    // A refused delivery is the sender's problem; a failure of ours goes to Sentry and GitHub retries it.
    if (statusCode >= 500)
      errors.report(error, { function: "webhooks", delivery: event.headers["x-github-delivery"] });
    const message =
      statusCode >= 500 ? "internal error" : error instanceof Error ? error.message : String(error);
    return {
      statusCode,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: message }),
    };
  }
}

/** EventBridge schedule: one `sync-installation` job per active installation, for the worker to run. */
export async function scheduleSyncs(): Promise<{ queued: number }> {
  const queued = await enqueueInstallationSyncs({
    store: database.store,
    enqueue: (name, payload) => enqueue(queue, name, payload),
  });
  log.info({ queued }, "scheduled installation syncs");
  return { queued };
}

/** Releases the database connection. Lambda never calls it (warm containers reuse it); tests do. */
export async function shutdown(): Promise<void> {
  await database.close();
}
