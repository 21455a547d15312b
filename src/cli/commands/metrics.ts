import { Option, type Command } from "commander";
import type { Group } from "../../metrics/aggregate.js";
import { GROUP_COLUMNS, getMetrics } from "../../query/metrics.js";
import { metricsParams } from "../../query/params.js";
import { findRepositoryInstallation } from "../../query/repositories.js";
import type { CliContext } from "../context.js";
import { parseOptions } from "../errors.js";
import { formatOption, percent, writeCsv, writeJson, writeTable, type Format } from "../output.js";

export interface MetricsOptions {
  repo: string;
  since?: string;
  until?: string;
  groupBy?: string;
  format: Format;
}

const HEAD = [
  "group",
  "merged",
  "opened",
  "cycle h (median)",
  "cycle h (p75)",
  "coding h",
  "pickup h",
  "review h",
  "reviewed",
  "reviews",
  "reverts",
  "hotfixes",
  "AI-assisted",
];

const row = (group: Group) => [
  group.key,
  group.prsMerged,
  group.prsOpened,
  group.cycleTimeHours.median,
  group.cycleTimeHours.p75,
  group.codingTimeHours.median,
  group.pickupTimeHours.median,
  group.reviewTimeHours.median,
  percent(group.reviewedShare),
  group.reviewsSubmitted,
  group.revertCount,
  group.hotfixCount,
  percent(group.aiAssistedShare),
];

/** The aggregates of `GET /api/v1/metrics` for one repository: same defaults, same JSON and CSV. */
export async function metrics(ctx: CliContext, options: MetricsOptions) {
  const { format: _ignored, ...query } = parseOptions(metricsParams(ctx.now), {
    repo: options.repo,
    since: options.since,
    until: options.until,
    groupBy: options.groupBy,
  });
  const store = await ctx.store();
  const { installationId, repo } = await findRepositoryInstallation(store, options.repo);
  const result = await getMetrics(store, installationId, query);
  if (options.format === "json") return writeJson(ctx.stdout, result);
  if (options.format === "csv") return writeCsv(ctx.stdout, result.groups, GROUP_COLUMNS);
  const range = `${result.since.toISOString()} → ${result.until.toISOString()}`;
  ctx.stdout.write(`${repo}, PRs merged in [${range}); durations are medians unless marked\n`);
  writeTable(ctx.stdout, HEAD, result.groups.map(row));
}

export function registerMetricsCommand(program: Command, ctx: CliContext): void {
  program
    .command("metrics")
    .description("PR-flow aggregates of a repository (default: the 30 days before now, merged PRs)")
    .requiredOption("--repo <owner/name>", "repository")
    .option("--since <date>", "merged at or after (ISO 8601, UTC; default until − 30 days)")
    .option("--until <date>", "merged before (ISO 8601, UTC; default now)")
    .addOption(
      new Option(
        "--group-by <key>",
        "one group per week, repo, author or reviewer (a PR counts for each of its reviewers)",
      ).choices(["week", "repo", "author", "reviewer"]),
    )
    .addOption(formatOption())
    .action((options: MetricsOptions) => metrics(ctx, options));
}
