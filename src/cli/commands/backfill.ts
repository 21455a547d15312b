import type { Command } from "commander";
import { z } from "zod";
import { findRepositoryInstallation } from "../../query/repositories.js";
import { enqueue } from "../../sync/index.js";
import type { CliContext } from "../context.js";
import { parseOptions } from "../errors.js";
import { countOf } from "../output.js";
import { followJobs, openQueue, timeoutMessage, timeoutSchema, type WaitOptions } from "../follow.js";

export interface BackfillOptions extends WaitOptions {
  repo: string;
  /** Unset: BACKFILL_DAYS, as the worker uses for newly tracked repositories. */
  days?: string;
}

const DAYS_MESSAGE = "must be a whole number of days from 1 to 3650";
const backfillSchema = z.object({
  days: z.coerce.number(DAYS_MESSAGE).int(DAYS_MESSAGE).min(1, DAYS_MESSAGE).max(3650, DAYS_MESSAGE),
  timeout: timeoutSchema,
});

/** Queues `backfill-repository` for one repository and follows its checkpoints until it is done. */
export async function backfill(ctx: CliContext, options: BackfillOptions): Promise<void> {
  const given = options.days ?? String((await ctx.env()).BACKFILL_DAYS);
  const { days, timeout } = parseOptions(backfillSchema, { days: given, timeout: options.timeout });
  const store = await ctx.store();
  const { installationId, repoId, repo } = await findRepositoryInstallation(store, options.repo);
  const queue = await openQueue(store.db);
  const result = await enqueue(queue, "backfill-repository", { installationId, repoId, days });
  ctx.stdout.write(
    result === "queued"
      ? `backfill of ${repo} (last ${countOf(days, "day")}) queued\n`
      : `a backfill of ${repo} is already queued or running: following it\n`,
  );
  if (!options.wait) return;
  const ref = { installationId, repoId };
  const outcome = await followJobs(ctx, {
    queue,
    jobs: [{ name: "backfill-repository", "data.installationId": installationId, "data.repoId": repoId }],
    total: 100,
    timeoutMinutes: timeout,
    progress: async () => {
      const doc = await store.repositories.findOne(ref, { syncStatus: 1, backfill: 1 }).lean();
      const state = doc?.backfill;
      if (!doc || !state) return { value: 0, text: `${repo}: ${doc?.syncStatus ?? "gone"}` };
      const counts = `${countOf(state.prsStored, "PR")} stored, ${countOf(state.pagesDone, "page")}`;
      return { value: state.progress, text: `${repo}: ${doc.syncStatus}, ${counts}` };
    },
  });
  if (outcome === "timeout") throw new Error(timeoutMessage(`the backfill of ${repo}`, timeout));
  const doc = await store.repositories.findOne(ref).lean();
  if (doc?.syncStatus === "complete" && doc.backfill?.completedAt) {
    const { prsStored, pagesDone } = doc.backfill;
    const stored = `${countOf(prsStored, "PR")} stored in ${countOf(pagesDone, "page")}`;
    ctx.stdout.write(`backfill of ${repo} complete: ${stored}\n`);
    return;
  }
  const why = doc ? (doc.lastSyncError ?? `status ${doc.syncStatus}`) : "the repository is no longer tracked";
  throw new Error(
    `backfill of ${repo} failed: ${why}; see the worker's log, fix the cause and run the command again ` +
      "(it resumes from the last stored page)",
  );
}

export function registerBackfillCommand(program: Command, ctx: CliContext): void {
  program
    .command("backfill")
    .description("fetch a repository's PR history (queued for the worker; shows progress until done)")
    .requiredOption("--repo <owner/name>", "repository")
    .option("--days <n>", "days back, 1–3650 (default: BACKFILL_DAYS or 90)")
    .option("--no-wait", "queue the backfill and return without following it")
    .option("--timeout <minutes>", "stop following after this long (the backfill goes on)", "30")
    .action((options: BackfillOptions) => backfill(ctx, options));
}
