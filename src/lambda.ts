import { verify } from "@octokit/webhooks-methods";
import { DEFAULT_ACK_TIMEOUT_MS } from "./app.js";
import { EnvError, parseEnv } from "./config/env.js";
import { createErrorReporter } from "./observability/error-reporter.js";
import { createLogger } from "./observability/logger.js";
import { openDatabase } from "./runtime/database.js";
import { createInboxWriter, inboxStorage } from "./storage/inbox/index.js";
import { createQueue, enqueue, enqueueInstallationSyncs } from "./sync/index.js";
import { acceptDelivery } from "./webhooks/receive/accept-delivery.js";
import { MAX_DELIVERY_BYTES } from "./webhooks/receive/envelope.js";
import { DEFAULT_WEBHOOK_SECRET } from "./webhooks/receive/route.js";

/**
 * AWS Lambda: the webhook function only stores the delivery in the inbox and answers; the schedule only
 * enqueues. `npm run worker`, a long-lived process beside them, applies deliveries and runs jobs. Set-up
 * happens once per cold start, outside the handlers, so warm invocations reuse the connection.
 */
interface HttpEvent {
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
}
interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const env = parseEnv(process.env);
// Lambda has no disk to keep an embedded database on, and the worker must share this one.
if (!env.MONGODB_URI) throw new EnvError("mergelens lambda: set MONGODB_URI to the database the worker uses");

const log = await createLogger(env);
if (!env.WEBHOOK_SECRET)
  log.warn("WEBHOOK_SECRET is unset: deliveries signed with 'development' are accepted");
const secret = env.WEBHOOK_SECRET ?? DEFAULT_WEBHOOK_SECRET;
const database = await openDatabase(env, log);
const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, log });
const mongo = database.store.db.db;
if (!mongo) throw new Error("the database connection is not open");
const queue = await createQueue(mongo);
const writer = createInboxWriter(inboxStorage(database.store), { timeoutMs: DEFAULT_ACK_TIMEOUT_MS });

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** API Gateway (HTTP API v2 or REST v1) → the same raw-first ingest as `POST /api/github/webhooks`. */
export async function webhooks(event: HttpEvent): Promise<HttpResult> {
  const raw = event.body ?? "";
  // The signature is over the bytes GitHub sent; HTTP APIs may hand them over base64-encoded.
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > MAX_DELIVERY_BYTES)
    return json(413, {
      error: { code: "too_large", message: `the body is larger than ${MAX_DELIVERY_BYTES} bytes` },
    });
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  try {
    const answer = await acceptDelivery(
      { headers, body: bytes.toString("utf8") },
      { verify: (body, signature) => verify(secret, body, signature), writer },
    );
    if (answer.status >= 400)
      log.warn({ delivery: answer.deliveryId, status: answer.status }, "webhook refused");
    return json(answer.status, answer.body);
  } catch (error) {
    errors.report(error, { function: "webhooks", delivery: headers["x-github-delivery"] });
    return json(500, { error: { code: "internal", message: "internal error" } });
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
