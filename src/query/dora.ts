import { productionDeployments } from "../metrics/deployments.js";
import { computeDora, type Dora, type DoraInput } from "../metrics/dora.js";
import { computeDoraWeeks, type DoraWeek } from "../metrics/dora-weeks.js";
import type { RepoConfig } from "../metrics/repo-config.js";
import type { DeploymentRecord } from "../records/types.js";
import type { Store } from "../storage/store.js";
import { mergesInRange } from "./dora-merges.js";
import { configOf, repoConfigs } from "./repo-configs.js";
import { resolveRepository } from "./repositories.js";

/** computeDora takes one pattern for all; each repository's own is applied before (productionOnly). */
const ANY_ENVIRONMENT = "";

export interface DoraQuery {
  repo?: string;
  since: Date;
  until: Date;
}

/** The production pattern in use for a repository (its `productionEnvironment`, or the default). */
export interface ProductionEnvironment {
  repo: string;
  pattern: string;
}

/** `GET /api/v1/dora`: the range's figures, the same per week, and which environments counted. */
export interface DoraReport extends Dora {
  weeks: DoraWeek[];
  productionEnvironments: ProductionEnvironment[];
}

/** The repositories in scope (one, or all of the installation's) by id, with their names. */
async function repositoriesInScope(store: Store, scope: { installationId: number; repoId?: number }) {
  const repos = await store.repositories.find(scope, { _id: 0, repoId: 1, fullName: 1 }).lean();
  return repos.sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/**
 * The deployments of these repositories created from `since` on: one query per repository, each an
 * equality prefix and one range on `{installationId, repoId, createdAt}` (STACK.md).
 */
async function deploymentsFrom(
  store: Store,
  installationId: number,
  repoIds: readonly number[],
  since: Date,
): Promise<DeploymentRecord[]> {
  const lists = await Promise.all(
    repoIds.map((repoId) =>
      store.deployments
        .find({ installationId, repoId, createdAt: { $gte: since } }, { _id: 0 })
        .lean<DeploymentRecord[]>()
        .exec(),
    ),
  );
  return lists.flat();
}

/** The production deployments, each repository's by its own `productionEnvironment` pattern. */
function productionOnly(deployments: readonly DeploymentRecord[], configs: Map<number, RepoConfig>) {
  const byRepo = new Map<number, DeploymentRecord[]>();
  for (const deployment of deployments) {
    byRepo.set(deployment.repoId, [...(byRepo.get(deployment.repoId) ?? []), deployment]);
  }
  return [...byRepo].flatMap(([repoId, list]) =>
    productionDeployments(list, configOf(configs, repoId).productionEnvironment),
  );
}

/**
 * The delivery figures over [since, until), in total and per week. Reads the PRs merged in the range
 * (from the rollups, with their lead-time starts), and every deployment from `since` on (the deployment that ships a
 * change or restores a failure may come after `until`). Which deployments are production is each
 * repository's own `productionEnvironment`, for every figure.
 */
export async function getDora(store: Store, installationId: number, query: DoraQuery): Promise<DoraReport> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const scope = { installationId, ...(repoId === undefined ? {} : { repoId }) };
  const repos = await repositoriesInScope(store, scope);
  const configs = await repoConfigs(
    store,
    installationId,
    repos.map((repo) => repo.repoId),
  );
  // Merged PRs as lead time needs them: their start is already each one's first commit (or creation).
  const merges = await mergesInRange(store, scope, query);
  const deployments = await deploymentsFrom(
    store,
    installationId,
    repos.map((repo) => repo.repoId),
    query.since,
  );
  const input: DoraInput = {
    prs: merges.map((merge, index) => ({
      repoId: merge.repoId,
      number: index,
      createdAt: merge.start,
      mergedAt: merge.mergedAt,
    })),
    commitsByPr: new Map(),
    deployments: productionOnly(deployments, configs),
    since: query.since,
    until: query.until,
    productionPattern: ANY_ENVIRONMENT,
  };
  return {
    ...computeDora(input),
    weeks: computeDoraWeeks(input),
    productionEnvironments: repos.map((repo) => ({
      repo: repo.fullName,
      pattern: configOf(configs, repo.repoId).productionEnvironment,
    })),
  };
}
