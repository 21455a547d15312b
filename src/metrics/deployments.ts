import type { DeploymentRecord } from "../records/types.js";
import { compileAnyCase } from "./linear-pattern.js";

/**
 * Reading GitHub deployments for the delivery figures (METRICS.md). A deployment's final status is its
 * latest status (by `createdAt`, then `statusId` where both are known) among `success`, `failure` and `error`; later
 * `inactive` statuses (GitHub marks a superseded deployment so) and in-flight ones do not change it.
 */
export type FinalStatus = "success" | "failure" | "error";

const FINAL: ReadonlySet<string> = new Set<FinalStatus>(["success", "failure", "error"]);

type Status = DeploymentRecord["statuses"][number];

function isNewer(a: Status, b: Status): boolean {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  return byTime !== 0 ? byTime > 0 : (a.statusId ?? 0) > (b.statusId ?? 0);
}

export function finalStatus(deployment: Pick<DeploymentRecord, "statuses">): FinalStatus | null {
  let latest: Status | null = null;
  for (const status of deployment.statuses) {
    if (FINAL.has(status.state) && (!latest || isNewer(status, latest))) latest = status;
  }
  return latest ? (latest.state as FinalStatus) : null;
}

/**
 * Production deployments (environment matches `pattern`, any case) in order of creation. The pattern
 * comes from a repository's config, so it runs on the linear-time engine.
 */
export function productionDeployments(
  deployments: readonly DeploymentRecord[],
  pattern: string,
): DeploymentRecord[] {
  const production = compileAnyCase(pattern);
  return deployments
    .filter((deployment) => production.test(deployment.environment))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.deploymentId - b.deploymentId);
}
