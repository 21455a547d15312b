import { computeDoraColumns, type DoraColumnsInput } from "../metrics/dora-columns.js";
import type { Dora } from "../metrics/dora.js";
import type { DoraWeek } from "../metrics/dora-weeks.js";
import { productionColumns } from "../metrics/production-columns.js";
import { readDeploymentWeeksFrom } from "../storage/deployment-weeks/read.js";
import type { Store } from "../storage/store.js";
import { mergesInRange } from "./dora-merges.js";
import { configOf, repoConfigs } from "./repo-configs.js";
import { resolveRepository } from "./repositories.js";

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
 * The delivery figures over [since, until), in total and per week, from two reads of compact weeks:
 * the PR rollups' merges (each merged PR's mergedAt and lead-time start) over the range, and the
 * deployment weeks from `since` on (the deployment that ships a change or restores a failure may come
 * after `until`). Which deployments are production is each repository's own `productionEnvironment`,
 * decided here on the stored environment names, so a config change needs no rebuild.
 */
export async function getDora(store: Store, installationId: number, query: DoraQuery): Promise<DoraReport> {
  const repoId = query.repo ? (await resolveRepository(store, installationId, query.repo)).repoId : undefined;
  const scope = { installationId, ...(repoId === undefined ? {} : { repoId }) };
  const repos = await repositoriesInScope(store, scope);
  const ids = repos.map((repo) => repo.repoId);
  const [configs, merges, weeks] = await Promise.all([
    repoConfigs(store, installationId, ids),
    mergesInRange(store, scope, query),
    readDeploymentWeeksFrom(store, scope, query.since),
  ]);
  const input: DoraColumnsInput = {
    production: ids.map((id) =>
      productionColumns(id, weeks.get(id) ?? [], configOf(configs, id).productionEnvironment),
    ),
    merges,
    since: query.since,
    until: query.until,
  };
  const { figures, weeks: perWeek } = computeDoraColumns(input);
  return {
    ...figures,
    weeks: perWeek,
    productionEnvironments: repos.map((repo) => ({
      repo: repo.fullName,
      pattern: configOf(configs, repo.repoId).productionEnvironment,
    })),
  };
}
