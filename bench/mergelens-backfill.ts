import type { Probot } from "probot";
import { loadRepoConfigFile } from "../src/convert/load-repo-config.js";
import { getInstallationClient } from "../src/github/index.js";
import type { Store } from "../src/storage/store.js";
import type { JobRun, SyncDeps } from "../src/sync/job-context.js";
import type { JobPayload } from "../src/sync/job-definitions.js";
import { backfillRepository } from "../src/sync/jobs/backfill-repository.js";
import { ensureRepository } from "../src/storage/write/installations.js";

/** What the backfill reported (e.g. a repository's bad config), printed once per run rather than per page. */
const reported = new Set<string>();

function report(error: unknown, context: Record<string, unknown>): void {
  const message = `${String(error)} ${JSON.stringify(context)}`;
  if (reported.has(message)) return;
  reported.add(message);
  process.stderr.write(`bench: the backfill reported ${message}\n`);
}

export interface BackfillTarget {
  app: Probot;
  store: Store;
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
  days: number;
}

/**
 * mergelens's side of every measurement: the repository is tracked as `installation.created` tracks it,
 * then the `backfill-repository` job's own processor runs once, as the worker would run it (GraphQL pages
 * through src/github, stored through src/sync/persist into the database, a checkpoint after every page).
 * Only Agenda's polling and locking are left out.
 */
export async function runMergelensBackfill(target: BackfillTarget): Promise<void> {
  const { app, store, installationId, repoId, days } = target;
  await ensureRepository(store, {
    installationId,
    repoId,
    fullName: `${target.owner}/${target.repo}`,
    private: true,
  });
  const deps: SyncDeps = {
    store,
    github: (id) => getInstallationClient(app, id),
    appOctokit: () => app.auth(),
    loadRepoConfig: loadRepoConfigFile,
    enqueue: async (name) => {
      throw new Error(`the backfill enqueued ${name}: the benchmark would not count that work`);
    },
    reportError: report,
    log: app.log,
    backfillDays: days,
    now: () => new Date(),
  };
  const run: JobRun<JobPayload<"backfill-repository">> = {
    payload: { installationId, repoId, days },
    attempt: 0,
    checkpoint: async () => undefined,
  };
  await backfillRepository(run, deps);
  const tracked = await store.repositories.findOne({ installationId, repoId }).lean();
  if (tracked?.syncStatus !== "complete") {
    throw new Error(`the backfill ended with syncStatus ${tracked?.syncStatus}: ${tracked?.lastSyncError}`);
  }
}
