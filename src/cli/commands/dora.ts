import type { Command } from "commander";
import type { DoraWeek } from "../../metrics/dora-weeks.js";
import { getDora, type DoraReport } from "../../query/dora.js";
import { NotFoundError } from "../../query/errors.js";
import { doraParams } from "../../query/params.js";
import { findRepositoryInstallation } from "../../query/repositories.js";
import type { Store } from "../../storage/store.js";
import type { CliContext } from "../context.js";
import { parseOptions, UsageError } from "../errors.js";
import { formatOption, percent, writeCsv, writeJson, writeTable, type Format } from "../output.js";

export interface DoraOptions {
  repo?: string;
  since?: string;
  until?: string;
  format: Format;
}

/** The CSV's columns: one row per week, the figures under the API's names. */
export const DORA_WEEK_COLUMNS = [
  "week",
  "deploymentsCount",
  "deploymentFrequencyPerWeek",
  "leadTimeForChangesHours",
  "changeFailureRate",
  "timeToRestoreHours",
] as const;

const HEAD = ["week", "deployments", "per week", "lead time h", "failure rate", "restore h"];

const row = (key: string, figures: Omit<DoraWeek, "week">) => [
  key,
  figures.deploymentsCount,
  figures.deploymentFrequencyPerWeek,
  figures.leadTimeForChangesHours,
  percent(figures.changeFailureRate),
  figures.timeToRestoreHours,
];

/** The CLI has no token: `--repo` names the installation, else the database must hold only one. */
async function installationOf(store: Store, repo: string | undefined): Promise<number> {
  if (repo) return (await findRepositoryInstallation(store, repo)).installationId;
  const installations = await store.installations.find({}, { installationId: 1, account: 1 }).lean();
  if (installations.length === 0) throw new NotFoundError("no installation yet (install the app first)");
  if (installations.length > 1) {
    const known = installations.map((one) => `${one.account.login} (${one.installationId})`).join(", ");
    throw new UsageError(`several installations (${known}): give --repo owner/name`);
  }
  return installations[0].installationId;
}

function writeReport(ctx: CliContext, report: DoraReport): void {
  const range = `${report.since.toISOString()} → ${report.until.toISOString()}`;
  const patterns = [...new Set(report.productionEnvironments.map((one) => one.pattern))];
  const production =
    patterns.length === 1
      ? patterns[0]
      : report.productionEnvironments.map((one) => `${one.repo}: ${one.pattern}`).join(", ");
  ctx.stdout.write(`Delivery in [${range}); production environments: ${production || "none"}\n`);
  writeTable(ctx.stdout, HEAD, [...report.weeks.map((week) => row(week.week, week)), row("all", report)]);
}

/** The figures of `GET /api/v1/dora` (same defaults, same JSON), per week and in total. */
export async function dora(ctx: CliContext, options: DoraOptions): Promise<void> {
  const query = parseOptions(doraParams(ctx.now), {
    repo: options.repo,
    since: options.since,
    until: options.until,
  });
  const store = await ctx.store();
  const report = await getDora(store, await installationOf(store, options.repo), query);
  if (options.format === "json") return writeJson(ctx.stdout, report);
  if (options.format === "csv") return writeCsv(ctx.stdout, report.weeks, DORA_WEEK_COLUMNS);
  writeReport(ctx, report);
}

export function registerDoraCommand(program: Command, ctx: CliContext): void {
  program
    .command("dora")
    .description("delivery (DORA) figures per week from production deployments (default: the last 30 days)")
    .option("--repo <owner/name>", "one repository (default: every repository of the one installation)")
    .option("--since <date>", "from (ISO 8601, UTC; default until − 30 days)")
    .option("--until <date>", "before (ISO 8601, UTC; default now)")
    .addOption(formatOption())
    .action((options: DoraOptions) => dora(ctx, options));
}
