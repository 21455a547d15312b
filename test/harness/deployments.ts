import type { DeploymentRecord } from "../../src/records/types.js";
import type { Store } from "../../src/storage/store.js";
import { writeDeployments } from "../../src/storage/write/deployments.js";

/** Stores deployments of any installations through the app's one write path (which keeps DORA's weeks). */
export async function seedDeployments(store: Store, deployments: readonly DeploymentRecord[]): Promise<void> {
  const byInstallation = new Map<number, DeploymentRecord[]>();
  for (const deployment of deployments)
    byInstallation.set(deployment.installationId, [
      ...(byInstallation.get(deployment.installationId) ?? []),
      deployment,
    ]);
  for (const list of byInstallation.values()) await writeDeployments(store, list);
}
