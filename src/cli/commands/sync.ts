import type { Command } from "commander";
import { resolveInstallation } from "../../query/installations.js";
import { SYNC_STATUS_COLUMNS, getSyncStatus } from "../../query/sync-status.js";
import type { CliContext } from "../context.js";
import { syncNow, type SyncNowOptions } from "./sync-now.js";
import { formatOption, shortTime, writeCsv, writeJson, writeTable, type Format } from "../output.js";

/**
 * `GET /api/v1/sync` for the operator: every installation (or one), each row led by its installation id.
 * The row otherwise has the API's fields, so JSON and CSV carry one more column than the API's.
 */
export async function syncStatus(ctx: CliContext, options: { installation?: string; format: Format }) {
  const store = await ctx.store();
  const installationIds = options.installation
    ? [await resolveInstallation(store, options.installation)]
    : ((await store.repositories.distinct("installationId")) as number[]).sort((a, b) => a - b);
  const rows = [];
  for (const installationId of installationIds) {
    const { repos } = await getSyncStatus(store, installationId);
    rows.push(...repos.map((repo) => ({ installationId, ...repo })));
  }
  if (options.format === "json") return writeJson(ctx.stdout, { repos: rows });
  if (options.format === "csv") return writeCsv(ctx.stdout, rows, ["installationId", ...SYNC_STATUS_COLUMNS]);
  writeTable(
    ctx.stdout,
    ["installation", "repo", "status", "last sync (UTC)", "PRs stored", "last error"],
    rows.map((r) => [r.installationId, r.repo, r.status, shortTime(r.lastSyncAt), r.prsStored, r.lastError]),
  );
}

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program.command("sync").description("repository synchronisation");
  sync
    .command("status")
    .description("sync state and stored PRs of every tracked repository")
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
