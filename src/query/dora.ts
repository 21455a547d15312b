import { computeDora, prKey, type Dora } from "../metrics/dora.js";
import { earliest } from "../metrics/arithmetic.js";
import { productionDeployments } from "../metrics/deployments.js";
import type { DeploymentRecord } from "../records/types.js";
import type { Store } from "../storage/store.js";
import { configOf, repoConfigs } from "./repo-configs.js";
import { resolveRepository } from "./repositories.js";

const ANY_ENVIRONMENT = "";

/** The production deployments, each repository's by its own `productionEnvironment` pattern. */
async function productionOnly(
  store: Store,
  installationId: number,
  deployments: DeploymentRecord[],
): Promise<DeploymentRecord[]> {
  const byRepo = new Map<number, DeploymentRecord[]>();
  for (const deployment of deployments) {
    const list = byRepo.get(deployment.repoId);
    if (list) list.push(deployment);
    else byRepo.set(deployment.repoId, [deployment]);
  }
  const configs = await repoConfigs(store, installationId, byRepo.keys());
  return [...byRepo].flatMap(([repoId, list]) =>
    productionDeployments(list, configOf(configs, repoId).productionEnvironment),
  );
}

export interface DoraQuery {
  repo?: string;
  since: Date;
  until: Date;
}

/**
 * The delivery figures over [since, until). Reads the PRs merged in the range, their commits' authoring
 * times, and every deployment from `since` on (the deployment that ships a change or restores a failure
 * may come after `until`). Which deployments are production is each repository's own setting.
 */
export async function getDora(store: Store, installationId: number, query: DoraQuery): Promise<Dora> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const scope = { installationId, ...(repoId === undefined ? {} : { repoId }) };
  const prs = await store.pullRequests
    .find(
      { ...scope, mergedAt: { $gte: query.since, $lt: query.until } },
      { _id: 0, repoId: 1, number: 1, createdAt: 1, mergedAt: 1 },
    )
    .lean();
  const commits = await store.commits
    .find(
      { ...scope, prNumber: { $in: [...new Set(prs.map((pr) => pr.number))] } },
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
  const commitsByPr = new Map([...authored].map(([key, dates]) => [key, earliest(dates)]));
  const deployments = await store.deployments.find({ ...scope, createdAt: { $gte: query.since } }).lean();
  return computeDora({
    prs,
    commitsByPr,
    deployments: await productionOnly(store, installationId, deployments),
    since: query.since,
    until: query.until,
    // computeDora takes one pattern for all; each repository's own was applied by productionOnly.
    productionPattern: ANY_ENVIRONMENT,
  });
}
