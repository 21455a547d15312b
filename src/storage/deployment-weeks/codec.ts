import { finalStatus } from "../../metrics/deployments.js";
import { statusCode } from "../../metrics/dora-columns.js";
import { FIELDS_PER_DEPLOYMENT, type CompactWeek } from "../../metrics/production-columns.js";
import type { DeploymentRecord } from "../../records/types.js";
import type { DeploymentSection } from "../models/deployment-week.js";
import { CorruptRollupError, decodeNumbers, encodeNumbers } from "../rollups/codec.js";

/**
 * A repository-week of deployments as one binary of float64 quadruples (createdAt ms, deploymentId,
 * index of its environment in `environments`, final status code): the embedded server decodes a
 * document field by field, so a binary costs it one field however many deployments it holds.
 */

/** What a week is built from: the fields of a stored deployment DORA reads. */
export type WeekDeployment = Pick<
  DeploymentRecord,
  "createdAt" | "deploymentId" | "environment" | "statuses"
>;

export type EncodedWeek = Required<Pick<DeploymentSection, "count" | "environments">> & {
  deployments: Buffer;
};

export function encodeDeploymentWeek(deployments: readonly WeekDeployment[]): EncodedWeek {
  const environments: string[] = [];
  const indexOf = new Map<string, number>();
  const numbers: number[] = [];
  for (const deployment of deployments) {
    let environment = indexOf.get(deployment.environment);
    if (environment === undefined) {
      environment = environments.push(deployment.environment) - 1;
      indexOf.set(deployment.environment, environment);
    }
    const status = statusCode(finalStatus(deployment));
    numbers.push(deployment.createdAt.getTime(), deployment.deploymentId, environment, status);
  }
  return { count: deployments.length, environments, deployments: encodeNumbers(numbers) };
}

/** A stored section as numbers and environment names; one still being built is empty. */
export function decodeDeploymentWeek(section: DeploymentSection): CompactWeek {
  const numbers = section.deployments ? decodeNumbers(section.deployments) : new Float64Array(0);
  if (numbers.length % FIELDS_PER_DEPLOYMENT !== 0)
    throw new CorruptRollupError(`${numbers.length} numbers for deployments`);
  return { environments: section.environments ?? [], numbers };
}
