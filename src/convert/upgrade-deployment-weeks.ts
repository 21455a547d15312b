import { DEPLOYMENT_WEEK_LAYOUT, type DeploymentWeekDocument } from "../storage/models/deployment-week.js";
import { rebuildRepositoryDeploymentWeeks } from "../storage/deployment-weeks/rebuild.js";
import type { Store } from "../storage/store.js";

/** What the stored weeks hold of one repository. */
interface Held {
  installationId: number;
  repoId: number;
  count: number;
  stale: boolean;
}

const keyOf = (installationId: number, repoId: number) => `${installationId}:${repoId}`;

/** Each repository's deployments as the stored weeks count them, and whether any section is of another layout. */
function heldByRepo(docs: readonly Pick<DeploymentWeekDocument, "installationId" | "repos">[]) {
  const held = new Map<string, Held>();
  for (const { installationId, repos } of docs) {
    for (const [id, section] of Object.entries(repos ?? {})) {
      const repoId = Number(id);
      const key = keyOf(installationId, repoId);
      const entry = held.get(key) ?? { installationId, repoId, count: 0, stale: false };
      entry.count += section.count ?? 0;
      entry.stale ||= section.layout !== DEPLOYMENT_WEEK_LAYOUT && (section.count ?? 0) > 0;
      held.set(key, entry);
    }
  }
  return held;
}

/**
 * Builds the deployment weeks DORA reads where they are missing or of an older layout (deployments
 * stored before they existed, or by a version that did not keep them): a worker does it when it starts.
 * Cheap when nothing is missing: the stored deployments' estimated count against the weeks' counts;
 * otherwise each repository's count, and a rebuild of those that differ. Returns the repositories rebuilt.
 */
export async function upgradeDeploymentWeeks(store: Store): Promise<number> {
  const docs = await store.deploymentWeeks.find({}, { _id: 0, installationId: 1, repos: 1 }).lean();
  const held = heldByRepo(docs);
  const total = [...held.values()].reduce((sum, entry) => sum + entry.count, 0);
  const stale = [...held.values()].some((entry) => entry.stale);
  if (!stale && total === (await store.deployments.estimatedDocumentCount())) return 0;
  const repositories = await store.repositories.find({}, { _id: 0, installationId: 1, repoId: 1 }).lean();
  for (const { installationId, repoId } of repositories) {
    const key = keyOf(installationId, repoId);
    if (!held.has(key)) held.set(key, { installationId, repoId, count: 0, stale: false });
  }
  let rebuilt = 0;
  for (const entry of held.values()) {
    const scope = { installationId: entry.installationId, repoId: entry.repoId };
    if (!entry.stale && entry.count === (await store.deployments.countDocuments(scope))) continue;
    await rebuildRepositoryDeploymentWeeks(store, scope);
    rebuilt += 1;
  }
  return rebuilt;
}
