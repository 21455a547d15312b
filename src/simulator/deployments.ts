import type { World } from "./generate-pull.js";
import { itemId } from "./ids.js";
import type { DeploymentModel, DeploymentStatusModel, PullModel, RepoModel } from "./model.js";
import { BOTS } from "./people.js";
import { chance, HOUR, int, rng, skewed, type Rng } from "./random.js";

const MINUTE = 60_000;

function finalState(r: Rng, environment: DeploymentModel["environment"]): DeploymentStatusModel["state"] {
  const x = r();
  if (environment === "staging") return x < 0.95 ? "success" : "failure";
  return x < 0.88 ? "success" : x < 0.96 ? "failure" : "error";
}

/**
 * The repository's deployments, newest first: most merges go to staging within minutes, about half
 * reach production some hours later, and some production deployments fail. Only those started by the
 * organisation's `now` exist; a status after it has not happened yet.
 */
export function generateDeployments(
  world: World,
  repo: RepoModel,
  pulls: readonly PullModel[],
): DeploymentModel[] {
  const deployments: DeploymentModel[] = [];
  for (const pull of pulls) {
    if (pull.mergedAt === null || pull.mergeCommitSha === null) continue;
    const r = rng(world.seed, repo.name, pull.number, "deploy");
    const plans: Array<[DeploymentModel["environment"], number]> = [];
    if (chance(r, 0.7)) plans.push(["staging", pull.mergedAt + int(r, 3, 15) * MINUTE]);
    if (chance(r, 0.5)) plans.push(["production", pull.mergedAt + skewed(r, 3 * HOUR) + 20 * MINUTE]);
    plans.forEach(([environment, at], env) => {
      const createdAt = Math.floor(at);
      if (createdAt > world.now) return;
      const id = itemId("deployment", repo.index, pull.number, env);
      const steps: Array<[DeploymentStatusModel["state"], number]> = [
        ["queued", createdAt],
        ["in_progress", createdAt + 20_000],
        [finalState(r, environment), createdAt + Math.floor(skewed(r, 4 * MINUTE)) + 30_000],
      ];
      deployments.push({
        id,
        sha: pull.mergeCommitSha ?? "",
        ref: repo.defaultBranch,
        environment,
        creator: BOTS.actions,
        createdAt,
        statuses: steps
          .filter(([, time]) => time <= world.now)
          .map(([state, time], step) => ({
            id: itemId("deploymentStatus", repo.index, pull.number, env * 3 + step),
            state,
            createdAt: time,
          })),
      });
    });
  }
  return deployments.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}
