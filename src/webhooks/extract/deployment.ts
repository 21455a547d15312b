import type { DeploymentFields, DeploymentStatusRecord } from "../../records/types.js";
import type { DeploymentEvent, DeploymentStatusEvent } from "../schemas/deployment.js";
import { toActor } from "./actor.js";

export function extractDeployment(payload: DeploymentEvent): DeploymentFields {
  const { deployment } = payload;
  return {
    installationId: payload.installation.id,
    repoId: payload.repository.id,
    deploymentId: deployment.id,
    environment: deployment.environment,
    sha: deployment.sha,
    ref: deployment.ref,
    creator: deployment.creator ? toActor(deployment.creator) : null,
    createdAt: deployment.created_at,
    updatedAt: deployment.updated_at,
  };
}

export function extractDeploymentStatus(payload: DeploymentStatusEvent): DeploymentStatusRecord {
  const status = payload.deployment_status;
  return { statusId: status.id, state: status.state, createdAt: status.created_at };
}
