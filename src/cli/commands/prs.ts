import { Option, type Command } from "commander";
import { findRepositoryInstallation } from "../../query/repositories.js";
import { pullsParams } from "../../query/params.js";
import { PULL_REQUEST_COLUMNS, type ApiPullRequest } from "../../query/pull-request-view.js";
import { listPullRequests } from "../../query/pull-requests.js";
import type { CliContext } from "../context.js";
import { cutLegend, textCell } from "../cut-note.js";
import { parseOptions } from "../errors.js";
import { formatOption, shortTime, writeCsv, writeJson, writeTable, type Format } from "../output.js";

export interface PrsOptions {
  repo: string;
  state?: string;
  since?: string;
  until?: string;
  author?: string;
  limit?: string;
  cursor?: string;
  format: Format;
}

/** One page of PRs, newest first, with the same filters, cursor and JSON/CSV as `GET /api/v1/pulls`. */
export async function prs(ctx: CliContext, options: PrsOptions) {
  const { format: _ignored, ...query } = parseOptions(pullsParams, {
    repo: options.repo,
    state: options.state,
    since: options.since,
    until: options.until,
    author: options.author,
    limit: options.limit,
    cursor: options.cursor,
  });
  const store = await ctx.store();
  const { installationId } = await findRepositoryInstallation(store, options.repo);
  const page = await listPullRequests(store, installationId, query);
  if (options.format === "json") return writeJson(ctx.stdout, page);
  if (options.format === "csv") writeCsv(ctx.stdout, page.items, PULL_REQUEST_COLUMNS);
  else {
    const titleCut = (pr: ApiPullRequest) => pr.truncated.includes("title");
    writeTable(
      ctx.stdout,
      ["PR", "title", "author", "state", "created (UTC)", "merged (UTC)", "cycle h", "pickup h"],
      page.items.map((pr) => [
        `#${pr.number}`,
        textCell(pr.title, 50, titleCut(pr)),
        pr.author.login,
        pr.draft && pr.state === "open" ? "draft" : pr.state,
        shortTime(pr.createdAt),
        shortTime(pr.mergedAt),
        pr.metrics.cycleTimeHours,
        pr.metrics.pickupTimeHours,
      ]),
    );
    // The table shows one bounded field, the title.
    const legend = cutLegend(page.items.some(titleCut) ? ["title"] : []);
    if (legend) ctx.stdout.write(`${legend}\n`);
  }
  if (page.nextCursor) ctx.stderr.write(`more: add --cursor ${page.nextCursor}\n`);
}

export function registerPrsCommand(program: Command, ctx: CliContext): void {
  program
    .command("prs")
    .description("list a repository's pull requests, newest first (since/until bound the creation time)")
    .requiredOption("--repo <owner/name>", "repository")
    .addOption(
      new Option("--state <state>", "open, closed (unmerged) or merged").choices([
        "open",
        "closed",
        "merged",
      ]),
    )
    .option("--since <date>", "created at or after (ISO 8601, UTC)")
    .option("--until <date>", "created before (ISO 8601, UTC)")
    .option("--author <login>", "author login")
    .option("--limit <n>", "page size, 1 to 500 (default 50)")
    .option("--cursor <cursor>", "continue after a previous page")
    .addOption(formatOption())
    .action((options: PrsOptions) => prs(ctx, options));
}
