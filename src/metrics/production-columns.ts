import type { ProductionColumns } from "./dora-columns.js";
import { compileAnyCase } from "./linear-pattern.js";

/** One stored week of a repository: its environment names, and four numbers per deployment. */
export interface CompactWeek {
  environments: readonly string[];
  /** Per deployment: createdAt ms, deploymentId, index into `environments`, final status code. */
  numbers: Float64Array;
}

export const FIELDS_PER_DEPLOYMENT = 4;

/**
 * A repository's production deployments (environment matching `pattern`, any case, on the linear-time
 * engine as `productionDeployments`) from its compact weeks, in order of creation then deploymentId.
 * The pattern runs once per environment name and week, not once per deployment.
 */
export function productionColumns(
  repoId: number,
  weeks: readonly CompactWeek[],
  pattern: string,
): ProductionColumns {
  const production = compileAnyCase(pattern);
  const rows: { createdAt: number; deploymentId: number; status: number }[] = [];
  for (const { environments, numbers } of weeks) {
    const kept = environments.map((environment) => production.test(environment));
    for (let index = 0; index + FIELDS_PER_DEPLOYMENT <= numbers.length; index += FIELDS_PER_DEPLOYMENT) {
      if (!kept[numbers[index + 2]]) continue;
      rows.push({ createdAt: numbers[index], deploymentId: numbers[index + 1], status: numbers[index + 3] });
    }
  }
  rows.sort((a, b) => a.createdAt - b.createdAt || a.deploymentId - b.deploymentId);
  return {
    repoId,
    createdAt: Float64Array.from(rows, (row) => row.createdAt),
    deploymentId: Float64Array.from(rows, (row) => row.deploymentId),
    status: Uint8Array.from(rows, (row) => row.status),
  };
}
