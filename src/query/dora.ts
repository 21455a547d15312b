import { computeDora, prKey, type Dora } from "../metrics/dora.js";
import { earliest } from "../metrics/arithmetic.js";
import { DEFAULT_PRODUCTION_ENVIRONMENT } from "../metrics/repo-config.js";
import type { Store } from "../storage/store.js";
import { resolveRepository } from "./repositories.js";

export interface DoraQuery {
  repo?: string;
  since: Date;
  until: Date;
}

/**
 * The delivery figures over [since, until). Reads the PRs merged in the range, their commits' authoring
 * times, and every deployment from `since` on (the deployment that ships a change or restores a failure
 * may come after `until`). Production is METRICS.md's default pattern: a repository's own setting lives
 * in its config file, which a query cannot read.
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
    deployments,
    since: query.since,
    until: query.until,
    productionPattern: DEFAULT_PRODUCTION_ENVIRONMENT,
  });
}
