import { Option, type Command } from "commander";
import type { z } from "zod";
import type { Aggregate } from "../../metrics/aggregate.js";
import { resolveInstallation } from "../../query/installations.js";
import { GROUP_COLUMNS, getMetrics, getMetricsOfInstallations } from "../../query/metrics.js";
import { metricsParams } from "../../query/params.js";
import { findRepositoryInstallation } from "../../query/repositories.js";
import type { Store } from "../../storage/store.js";
import type { CliContext } from "../context.js";
import { parseOptions, UsageError } from "../errors.js";
import { countOf, formatOption, writeCsv, writeJson, writeTable, type Format } from "../output.js";
import { COMPACT_LAYOUT, WIDE_LAYOUT } from "./metrics-table.js";

export interface MetricsOptions {
  repo?: string;
  installation?: string;
  since?: string;
  until?: string;
  groupBy?: string;
  format: Format;
  wide?: boolean;
}

type Query = Omit<z.output<ReturnType<typeof metricsParams>>, "format">;

/** The installations whose repositories a metrics call without --repo covers: one, or every tracked one. */
async function installationsInScope(store: Store, installation: string | undefined): Promise<number[]> {
  if (installation) return [await resolveInstallation(store, installation)];
  const ids = (await store.repositories.distinct("installationId")) as number[];
  return ids.sort((a, b) => a - b);
}

/** The aggregates and a line naming what they cover. */
async function aggregate(
  store: Store,
  options: MetricsOptions,
  query: Query,
): Promise<{ result: Aggregate; scope: string }> {
  if (options.repo) {
    const { installationId, repo } = await findRepositoryInstallation(store, options.repo);
    return { result: await getMetrics(store, installationId, { ...query, repo }), scope: repo };
  }
  const installationIds = await installationsInScope(store, options.installation);
  const { repo: _none, ...rest } = query;
  const result = await getMetricsOfInstallations(store, installationIds, rest);
  const count = installationIds.length;
  const scope =
    count === 0
      ? "no repository tracked yet"
      : count === 1
        ? `all repositories of installation ${installationIds[0]}`
        : `all repositories of ${countOf(count, "installation")}`;
  return { result, scope };
}

/**
 * The aggregates of `GET /api/v1/metrics`: same defaults, same JSON and CSV. Without --repo it covers
 * every repository, as the API does for a token (here: of every installation, or of --installation).
 */
export async function metrics(ctx: CliContext, options: MetricsOptions) {
  if (options.repo && options.installation) throw new UsageError("give --repo or --installation, not both");
  const { format: _ignored, ...query } = parseOptions(metricsParams(ctx.now), {
    repo: options.repo,
    since: options.since,
    until: options.until,
    groupBy: options.groupBy,
  });
  const { result, scope } = await aggregate(await ctx.store(), options, query);
  if (options.format === "json") return writeJson(ctx.stdout, result);
  if (options.format === "csv") return writeCsv(ctx.stdout, result.groups, GROUP_COLUMNS);
  const layout = options.wide ? WIDE_LAYOUT : COMPACT_LAYOUT;
  const range = `${result.since.toISOString()} → ${result.until.toISOString()}`;
  ctx.stdout.write(`${scope}, PRs merged in [${range})\n${layout.legend}\n`);
  writeTable(ctx.stdout, layout.head, result.groups.map(layout.row));
}

export function registerMetricsCommand(program: Command, ctx: CliContext): void {
  program
    .command("metrics")
    .description("PR-flow aggregates (default: every repository, the 30 days before now, merged PRs)")
    .option("--repo <owner/name>", "only this repository")
    .option("--installation <id|login>", "only this installation's repositories (default: all)")
    .option("--since <date>", "merged at or after (ISO 8601, UTC; default until − 30 days)")
    .option("--until <date>", "merged before (ISO 8601, UTC; default now)")
    .addOption(
      new Option(
        "--group-by <key>",
        "one group per week, repo, author or reviewer (a PR counts for each of its reviewers)",
      ).choices(["week", "repo", "author", "reviewer"]),
    )
    .addOption(formatOption())
    .option("--wide", "table with every figure (JSON and CSV always have them all)")
    .action((options: MetricsOptions) => metrics(ctx, options));
}
