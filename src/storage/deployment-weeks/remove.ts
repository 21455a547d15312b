import type { Store } from "../store.js";

/**
 * Removes what the deployment weeks hold of an installation (every document) or of some of its
 * repositories (their sections, in every week): derived from the deployments, they go with them.
 */
export async function removeDeploymentWeeks(
  store: Store,
  filter: { installationId: number; repoId?: { $in: number[] } },
): Promise<void> {
  const { installationId, repoId } = filter;
  if (repoId === undefined) {
    await store.deploymentWeeks.deleteMany({ installationId }).exec();
    return;
  }
  if (repoId.$in.length === 0) return;
  const unset = Object.fromEntries(repoId.$in.map((id) => [`repos.${id}`, ""]));
  await store.deploymentWeeks.updateMany({ installationId }, { $unset: unset }).exec();
}
