import type { ApplicationFunction } from "probot";
import { loadRepoConfigFile } from "./convert/load-repo-config.js";
import { createHealthHandler } from "./http/healthz.js";
import type { ErrorReporter } from "./observability/error-reporter.js";
import type { Store } from "./storage/store.js";
import type { WebhookDeps } from "./webhooks/deps.js";
import { registerWebhooks } from "./webhooks/register.js";

export interface AppDeps {
  store: Store;
  errors: ErrorReporter;
  onPullRequestMerged: WebhookDeps["onPullRequestMerged"];
  onRepoConfigChanged: WebhookDeps["onRepoConfigChanged"];
}

/** The Probot app only routes: webhooks to their handlers, HTTP paths to theirs. */
export function createApp(deps: AppDeps): ApplicationFunction {
  return (app, { addHandler }) => {
    registerWebhooks(app, {
      store: deps.store,
      onPullRequestMerged: deps.onPullRequestMerged,
      onRepoConfigChanged: deps.onRepoConfigChanged,
      loadRepoConfig: loadRepoConfigFile,
      reportError: (error, context) => deps.errors.report(error, context),
    });
    addHandler(createHealthHandler(deps.store.db));
  };
}
