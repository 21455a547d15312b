import type { Logger } from "pino";
import type { Probot } from "probot";
import type { Env } from "../config/env.js";
import { loadRepoConfigFile } from "../convert/load-repo-config.js";
import { upgradeDeploymentWeeks } from "../convert/upgrade-deployment-weeks.js";
import { upgradeRollups } from "../convert/upgrade-rollups.js";
import type { ErrorReporter } from "../observability/error-reporter.js";
import { adoptLegacyInbox, ensureInboxRetention, inboxStorage } from "../storage/inbox/index.js";
import type { Store } from "../storage/store.js";
import type { SyncHooks } from "../sync/index.js";
import {
  createInboxProcessor,
  type InboxProcessor,
  type ProcessorOptions,
} from "../webhooks/apply/processor.js";

export interface InboxOptions {
  store: Store;
  /** For installation clients that read `.github/mergelens.yml`. */
  app: Probot;
  hooks: SyncHooks;
  errors: ErrorReporter;
  log: Logger;
  env: Pick<Env, "INBOX_RETENTION_DAYS">;
  processor?: ProcessorOptions;
}

/** The worker's inbox processor, wired to the sync engine's hooks; its retention index kept current. */
export async function startInboxProcessor(options: InboxOptions): Promise<InboxProcessor> {
  const inbox = inboxStorage(options.store);
  await ensureInboxRetention(inbox, options.env.INBOX_RETENTION_DAYS);
  const db = options.store.db.db;
  const moved = db ? await adoptLegacyInbox(db, inbox) : 0;
  if (moved > 0) options.log.info({ moved }, "inbox: deliveries of the first inbox moved to inbox_batches");
  const upgraded = await upgradeRollups(options.store);
  if (upgraded > 0) options.log.info({ upgraded }, "rollups of an earlier layout rebuilt");
  const deployments = await upgradeDeploymentWeeks(options.store);
  if (deployments > 0) options.log.info({ repositories: deployments }, "deployment weeks built");
  const processor = createInboxProcessor(
    {
      store: options.store,
      ...options.hooks,
      loadRepoConfig: loadRepoConfigFile,
      octokitFor: (installationId) => options.app.auth(installationId),
      reportError: (error, context) => options.errors.report(error, context),
      log: options.log.child({ name: "inbox" }),
    },
    options.processor,
  );
  processor.start();
  return processor;
}
