import type { ApplicationFunction, Probot } from "probot";
import { createApiHandler } from "./api/handler.js";
import { loadRepoConfigFile } from "./convert/load-repo-config.js";
import { createDashboardHandler } from "./dashboard/handler.js";
import { createHealthHandler } from "./http/healthz.js";
import type { ErrorReporter } from "./observability/error-reporter.js";
import type { Store } from "./storage/store.js";
import type { WebhookDeps } from "./webhooks/deps.js";
import { registerWebhooks } from "./webhooks/register.js";

export interface AppDeps {
  store: Store;
  errors: ErrorReporter;
  onPullRequestMerged: WebhookDeps["onPullRequestMerged"];
  onCompletionNeeded: WebhookDeps["onCompletionNeeded"];
  onRepositoriesTracked: WebhookDeps["onRepositoriesTracked"];
  onRepoConfigChanged: WebhookDeps["onRepoConfigChanged"];
  /** Where the dashboard's PR links point: github.com, or the GitHub Enterprise host. */
  githubUrl?: string;
}

function routeWebhooks(app: Probot, deps: AppDeps): void {
  registerWebhooks(app, {
    store: deps.store,
    onPullRequestMerged: deps.onPullRequestMerged,
    onCompletionNeeded: deps.onCompletionNeeded,
    onRepositoriesTracked: deps.onRepositoriesTracked,
    onRepoConfigChanged: deps.onRepoConfigChanged,
    loadRepoConfig: loadRepoConfigFile,
    reportError: (error, context) => deps.errors.report(error, context),
  });
}

/** Webhooks only: for Lambda, where Probot has no HTTP server to add handlers to. */
export function createWebhookApp(deps: AppDeps): ApplicationFunction {
  return (app) => routeWebhooks(app, deps);
}

/** The Probot app only routes: webhooks to their handlers, HTTP paths to theirs. */
export function createApp(deps: AppDeps): ApplicationFunction {
  return (app, { addHandler }) => {
    routeWebhooks(app, deps);
    addHandler(createHealthHandler(deps.store.db));
    addHandler(createApiHandler({ store: deps.store, log: app.log }));
    addHandler(createDashboardHandler({ githubUrl: deps.githubUrl }));
  };
}
