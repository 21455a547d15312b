import type { Command } from "commander";
import { getInboxStatus, type InboxStatus } from "../../query/inbox-status.js";
import { resolveInstallation } from "../../query/installations.js";
import { SYNC_STATUS_COLUMNS, getSyncStatus } from "../../query/sync-status.js";
import type { CliContext } from "../context.js";
import { syncNow, type SyncNowOptions } from "./sync-now.js";
import { formatOption, shortTime, writeCsv, writeJson, writeTable, type Format } from "../output.js";

/** `4 h 12 min`, `3 min`, `12 s`: how long the oldest delivery has waited. */
function waited(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (hours > 0) return `${hours} h ${minutes} min`;
  return minutes > 0 ? `${minutes} min` : `${totalSeconds} s`;
}

/** The inbox line under the table: the same figures as `mergelens inbox`. */
function inboxLine(inbox: InboxStatus): string {
  const oldest =
    inbox.oldestPendingAt === null || inbox.oldestPendingAgeSeconds === null
      ? ""
      : ` (oldest received ${shortTime(inbox.oldestPendingAt)} UTC, ` +
        `${waited(inbox.oldestPendingAgeSeconds)} ago)`;
  const setAside = inbox.setAside > 0 ? " (mergelens inbox lists them)" : "";
  return `Webhook inbox: ${inbox.pending} pending${oldest}, ${inbox.setAside} set aside${setAside}\n`;
}

/**
 * `GET /api/v1/sync` for the operator: every installation (or one), each row led by its installation id.
 * The row otherwise has the API's fields, so JSON and CSV carry one more column than the API's. JSON
 * and the table add the webhook inbox of the same installations; CSV stays the list of repositories.
 */
export async function syncStatus(ctx: CliContext, options: { installation?: string; format: Format }) {
  const store = await ctx.store();
  const only = options.installation ? await resolveInstallation(store, options.installation) : undefined;
  const installationIds =
    only !== undefined
      ? [only]
      : ((await store.repositories.distinct("installationId")) as number[]).sort((a, b) => a - b);
  const rows = [];
  for (const installationId of installationIds) {
    const { repos } = await getSyncStatus(store, installationId);
    rows.push(...repos.map((repo) => ({ installationId, ...repo })));
  }
  if (options.format === "csv") return writeCsv(ctx.stdout, rows, ["installationId", ...SYNC_STATUS_COLUMNS]);
  const inbox = await getInboxStatus(store, ctx.now(), only);
  if (options.format === "json") return writeJson(ctx.stdout, { repos: rows, inbox });
  writeTable(
    ctx.stdout,
    ["installation", "repo", "status", "last sync (UTC)", "PRs stored", "last error"],
    rows.map((r) => [r.installationId, r.repo, r.status, shortTime(r.lastSyncAt), r.prsStored, r.lastError]),
  );
  ctx.stdout.write(inboxLine(inbox));
}

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program.command("sync").description("repository synchronisation");
  sync
    .command("status")
    .description("sync state and stored PRs of every tracked repository, and the webhook inbox backlog")
    .option("--installation <id|login>", "only this installation")
    .addOption(formatOption())
    .action((options: { installation?: string; format: Format }) => syncStatus(ctx, options));
  sync
    .command("now")
    .description("queue an incremental sync for the worker and show progress until it is done")
    .option("--repo <owner/name>", "sync the installation holding this repository (all its repositories)")
    .option("--installation <id|login>", "only this installation (default: every active one)")
    .option("--no-wait", "queue the sync and return without following it")
    .option("--timeout <minutes>", "stop following after this long (the sync goes on)", "30")
    .action((options: SyncNowOptions) => syncNow(ctx, options));
}
