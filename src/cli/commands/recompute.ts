import type { Command } from "commander";
import { recomputeRepositories, type RecomputeTarget } from "../../convert/recompute.js";
import { resolveInstallation } from "../../query/installations.js";
import { findRepositoryInstallation } from "../../query/repositories.js";
import type { Store } from "../../storage/store.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { countOf } from "../output.js";

export interface RecomputeOptions {
  installation?: string;
  repo?: string;
}

/** The repositories in scope, in a stable order: one, an installation's, or every tracked one. */
async function targetsOf(store: Store, options: RecomputeOptions): Promise<RecomputeTarget[]> {
  if (options.repo) {
    const { installationId, repoId, repo } = await findRepositoryInstallation(store, options.repo);
    return [{ installationId, repoId, fullName: repo }];
  }
  const scope = options.installation
    ? { installationId: await resolveInstallation(store, options.installation) }
    : {};
  const repos = await store.repositories
    .find(scope, { _id: 0, installationId: 1, repoId: 1, fullName: 1 })
    .lean();
  return repos.sort((a, b) => a.installationId - b.installationId || a.fullName.localeCompare(b.fullName));
}

/**
 * Derives every stored PR's metrics and every rollup again from the stored records: after a change of
 * definitions or of a repository's `.github/mergelens.yml`, and the upgrade path for data stored before
 * rollups existed. Progress goes to stderr, the outcome to stdout.
 */
export async function recompute(ctx: CliContext, options: RecomputeOptions): Promise<void> {
  if (options.repo && options.installation) throw new UsageError("give --repo or --installation, not both");
  const store = await ctx.store();
  const targets = await targetsOf(store, options);
  if (targets.length === 0) {
    ctx.stdout.write("no repository tracked yet: nothing to recompute\n");
    return;
  }
  const prs = await recomputeRepositories(store, targets, ({ repo, index, repos, done, total }) => {
    ctx.stderr.write(`[${index}/${repos}] ${repo.fullName}: ${done}/${countOf(total, "PR")}\n`);
  });
  const where = countOf(targets.length, "repository", "repositories");
  ctx.stdout.write(`recomputed ${countOf(prs, "PR")} and their rollups in ${where}\n`);
}

export function registerRecomputeCommand(program: Command, ctx: CliContext): void {
  program
    .command("recompute")
    .description(
      "derive every stored PR's metrics and every rollup again (after a definition or config change)",
    )
    .option("--installation <id|login>", "only this installation's repositories (default: all)")
    .option("--repo <owner/name>", "only this repository")
    .action((options: RecomputeOptions) => recompute(ctx, options));
}
