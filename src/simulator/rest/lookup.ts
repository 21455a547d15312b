import type { PullModel, RepoModel } from "../model.js";
import type { RestContext } from "./router.js";

/** The repository named by `:owner/:repo`, if it belongs to the simulated organisation. */
export function findRepo(ctx: RestContext): RepoModel | undefined {
  const { org } = ctx.sim;
  if (ctx.params.owner?.toLowerCase() !== org.login.toLowerCase()) return undefined;
  return org.repo(ctx.params.repo ?? "");
}

/** The PR named by `:owner/:repo` and `:number`. */
export function findPull(ctx: RestContext): { repo: RepoModel; pull: PullModel } | undefined {
  const repo = findRepo(ctx);
  const number = Number(ctx.params.number);
  const pull = repo && Number.isInteger(number) ? ctx.sim.org.pull(repo.name, number) : undefined;
  return repo && pull ? { repo, pull } : undefined;
}
