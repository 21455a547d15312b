import type { Command } from "commander";
import { z } from "zod";
import { resolveInstallation } from "../../query/installations.js";
import {
  inboxCollection,
  inboxStorage,
  replayDeliveries,
  summarizeInbox,
} from "../../storage/inbox/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { formatOption, writeCsv, writeJson, writeTable, type Format } from "../output.js";

const sinceSchema = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((value) => new Date(value));

/** The webhook inbox: how far behind the workers are, and which deliveries were set aside and why. */
export async function showInbox(ctx: CliContext, options: { installation?: string; format: Format }) {
  const store = await ctx.store();
  const installationId = options.installation
    ? await resolveInstallation(store, options.installation)
    : undefined;
  const summary = await summarizeInbox(inboxStorage(store), { installationId });
  if (options.format === "json") return writeJson(ctx.stdout, summary);
  const failed = summary.failed.map((one) => ({ ...one, receivedAt: one.receivedAt.toISOString() }));
  const columns = ["id", "event", "action", "installationId", "receivedAt", "attempts", "lastError"];
  if (options.format === "csv") return writeCsv(ctx.stdout, failed, columns);
  const { pending, applied, failed: setAside } = summary.counts;
  const behind = summary.oldestPendingAt
    ? `, oldest pending received ${summary.oldestPendingAt.toISOString()}`
    : "";
  ctx.stdout.write(
    `${pending} pending, ${applied} applied (kept for replay), ${setAside} set aside${behind}\n`,
  );
  if (failed.length === 0) return;
  ctx.stdout.write("Set aside (mergelens replay applies them again once the cause is fixed):\n");
  writeTable(
    ctx.stdout,
    ["delivery", "event", "installation", "received (UTC)", "tries", "error"],
    failed.map((one) => [
      one.id,
      one.action ? `${one.event}.${one.action}` : one.event,
      one.installationId,
      one.receivedAt.slice(0, 16).replace("T", " "),
      one.attempts,
      (one.lastError ?? "").split("\n")[0].slice(0, 80),
    ]),
  );
}

/** Queues kept deliveries to be applied again by the worker, e.g. after a fix to how they are read. */
export async function replay(ctx: CliContext, options: { since: string; installation?: string }) {
  const since = sinceSchema.safeParse(options.since);
  if (!since.success) throw new UsageError("--since: must be a date (YYYY-MM-DD) or an ISO 8601 time");
  const store = await ctx.store();
  const installationId = options.installation
    ? await resolveInstallation(store, options.installation)
    : undefined;
  const queued = await replayDeliveries(inboxCollection(store), { since: since.data, installationId });
  const noun = queued === 1 ? "delivery" : "deliveries";
  ctx.stdout.write(
    `${queued} ${noun} received since ${since.data.toISOString()} queued again; the worker ` +
      "(npm start or npm run worker) applies them, and writes already right stay as they are\n",
  );
}

export function registerInboxCommand(program: Command, ctx: CliContext): void {
  program
    .command("inbox")
    .description("webhook deliveries waiting, applied and set aside")
    .option("--installation <id|login>", "only this installation")
    .addOption(formatOption())
    .action((options: { installation?: string; format: Format }) => showInbox(ctx, options));
}

export function registerReplayCommand(program: Command, ctx: CliContext): void {
  program
    .command("replay")
    .description("apply kept webhook deliveries again (after a fix); they stay INBOX_RETENTION_DAYS days")
    .requiredOption("--since <date>", "deliveries received at or after this date or time (UTC)")
    .option("--installation <id|login>", "only this installation")
    .action((options: { since: string; installation?: string }) => replay(ctx, options));
}
