import type { CompactWeek } from "../../metrics/production-columns.js";
import { weekStart } from "../../metrics/week.js";
import type { DeploymentWeekDocument } from "../models/deployment-week.js";
import type { Store } from "../store.js";
import { decodeDeploymentWeek } from "./codec.js";

/** One installation, or one of its repositories. */
export interface DeploymentScope {
  installationId: number;
  repoId?: number;
}

/**
 * Every stored week of deployments created from `from` on (from its week's Monday), per repository: one
 * query, an equality prefix and one range on `{installationId, week}`.
 */
export async function readDeploymentWeeksFrom(
  store: Store,
  scope: DeploymentScope,
  from: Date,
): Promise<Map<number, CompactWeek[]>> {
  const { installationId, repoId } = scope;
  const sections = repoId === undefined ? "repos" : `repos.${repoId}`;
  const docs = await store.deploymentWeeks
    .find({ installationId, week: { $gte: weekStart(from) } }, { _id: 0, [sections]: 1 })
    .lean<Pick<DeploymentWeekDocument, "repos">[]>();
  const byRepo = new Map<number, CompactWeek[]>();
  for (const { repos } of docs) {
    for (const [id, section] of Object.entries(repos ?? {})) {
      const week = decodeDeploymentWeek(section);
      const list = byRepo.get(Number(id));
      if (list) list.push(week);
      else byRepo.set(Number(id), [week]);
    }
  }
  return byRepo;
}
