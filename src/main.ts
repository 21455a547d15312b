import { getPrivateKey } from "@probot/get-private-key";
import { Probot, Server, run } from "probot";
import { createApp } from "./app.js";
import { EnvError, githubBaseUrls, githubWebUrl, parseEnv, type Env } from "./config/env.js";
import { refreshRepositoryWithCachedConfig } from "./convert/refresh-repository.js";
import { createErrorReporter } from "./observability/error-reporter.js";
import { createLogger } from "./observability/logger.js";
import { openDatabase } from "./runtime/database.js";
import { onShutdown } from "./runtime/shutdown.js";

/** `npm start`: webhook server, health check and (once wired) API, dashboard and job worker. */
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

  const database = await openDatabase(env, log);
  const errors = await createErrorReporter({ dsn: env.SENTRY_DSN, log });
  const server = new Server({
    port: env.PORT,
    host: process.env.HOST,
    log,
    Probot: Probot.defaults({
      appId: env.APP_ID,
      privateKey,
      secret: env.WEBHOOK_SECRET,
      baseUrl: githubBaseUrls(env).rest,
      log,
    }),
  });
  await server.load(
    createApp({
      store: database.store,
      errors,
      githubUrl: githubWebUrl(env),
      onRepositoriesTracked: async (installationId, repoIds) => {
        log.info({ installationId, repoIds }, "repositories tracked");
      },
      onPullRequestMerged: async (ref) => {
        log.info(ref, "pull request merged");
      },
      // Until the job queue runs it: recompute in the background, so the push delivery answers at once.
      onRepoConfigChanged: async (ref) => {
        refreshRepositoryWithCachedConfig(database.store, ref).catch((error: unknown) =>
          errors.report(error, { ...ref, task: "refreshRepositoryPullRequests" }),
        );
      },
    }),
  );
  await server.start();
  onShutdown(log, [() => server.stop(), () => database.close(), () => errors.flush()]);
}

try {
  await main(parseEnv(process.env));
} catch (error) {
  // A bad environment is the operator's to fix: one line, no stack trace.
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
