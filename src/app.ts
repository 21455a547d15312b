import { verify } from "@octokit/webhooks-methods";
import type { ApplicationFunction } from "probot";
import { createApiHandler } from "./api/handler.js";
import { createDashboardHandler } from "./dashboard/handler.js";
import { createHealthHandler } from "./http/healthz.js";
import { createInboxWriter, inboxStorage, type InboxWriter } from "./storage/inbox/index.js";
import type { Store } from "./storage/store.js";
import { createWebhookRoute } from "./webhooks/receive/route.js";

export interface AppDeps {
  store: Store;
  /** The app's webhook secret (Probot's default, "development", when unset). */
  webhookSecret: string;
  /** How long a delivery waits for the database before it is refused with 503 (GitHub waits 10 s). */
  ackTimeoutMs?: number;
  /** Where the dashboard's PR links point: github.com, or the GitHub Enterprise host. */
  githubUrl?: string;
  /** `API_RATE_LIMIT_PER_MINUTE`: requests per API token per minute. */
  apiRateLimitPerMinute?: number;
  /** Stores deliveries; given when a worker in the same process watches it (`startApp`). */
  writer?: InboxWriter;
}

export const DEFAULT_ACK_TIMEOUT_MS = 5_000;

/** The Probot app only routes HTTP paths to their handlers; deliveries are applied by the worker. */
export function createApp(deps: AppDeps): ApplicationFunction {
  return (app, { addHandler }) => {
    const writer =
      deps.writer ??
      createInboxWriter(inboxStorage(deps.store), {
        timeoutMs: deps.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
      });
    addHandler(
      createWebhookRoute({
        verify: (body, signature) => verify(deps.webhookSecret, body, signature),
        writer,
        log: app.log,
      }),
    );
    addHandler(createHealthHandler(deps.store.db));
    addHandler(
      createApiHandler({ store: deps.store, log: app.log, rateLimitPerMinute: deps.apiRateLimitPerMinute }),
    );
    addHandler(createDashboardHandler({ githubUrl: deps.githubUrl }));
  };
}
