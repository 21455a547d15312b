import { earliest } from "../metrics/arithmetic.js";
import { productionDeployments } from "../metrics/deployments.js";
import { computeDora, prKey, type Dora, type DoraInput } from "../metrics/dora.js";
import { computeDoraWeeks, type DoraWeek } from "../metrics/dora-weeks.js";
import type { RepoConfig } from "../metrics/repo-config.js";
import type { DeploymentRecord } from "../records/types.js";
import type { Store } from "../storage/store.js";
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

/** Earliest commit `authoredAt` of each PR (keyed by prKey); a PR without commits has none. */
async function firstCommits(
  store: Store,
  scope: { installationId: number; repoId?: number },
  prNumbers: readonly number[],
): Promise<Map<string, Date | null>> {
  const commits = await store.commits
    .find(
      { ...scope, prNumber: { $in: [...new Set(prNumbers)] } },
      { _id: 0, repoId: 1, prNumber: 1, authoredAt: 1 },
    )
    .lean();
  const authored = new Map<string, (Date | null)[]>();
  for (const commit of commits) {
    const key = prKey(commit.repoId, commit.prNumber);
    const dates = authored.get(key) ?? [];
    dates.push(commit.authoredAt);
    authored.set(key, dates);
  }
  return new Map([...authored].map(([key, dates]) => [key, earliest(dates)]));
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
 * The delivery figures over [since, until), in total and per week. Reads the PRs merged in the range,
 * their commits' authoring times, and every deployment from `since` on (the deployment that ships a
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
  const prs = await store.pullRequests
    .find(
      { ...scope, mergedAt: { $gte: query.since, $lt: query.until } },
      { _id: 0, repoId: 1, number: 1, createdAt: 1, mergedAt: 1 },
    )
    .lean();
  const deployments: DeploymentRecord[] = await store.deployments
    .find({ ...scope, createdAt: { $gte: query.since } })
    .lean();
  const input: DoraInput = {
    prs,
    commitsByPr: await firstCommits(
      store,
      scope,
      prs.map((pr) => pr.number),
    ),
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
