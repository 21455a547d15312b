import type { DeploymentRecord, PullRequestRecord } from "../records/types.js";
import { round2, share } from "./arithmetic.js";
import { finalStatus, productionDeployments } from "./deployments.js";
import { median } from "./statistics.js";
import { WEEK_MS } from "./week.js";

/**
 * The delivery (DORA) figures of METRICS.md. Decisions where it leaves room:
 * - deploymentsCount counts production deployments created in [since, until), whatever their status;
 *   frequency and change failure rate use the same deployments.
 * - Lead time covers PRs merged in [since, until); time to restore covers failed deployments created in
 *   [since, until). The deployment that ends either may come later, so pass deployments after `until` too.
 * - Time to restore runs from the failed deployment's `createdAt` to the next successful one's
 *   `createdAt`, the same instants lead time uses; "next" orders by createdAt, then deploymentId.
 * - A lead time that would be negative (a commit dated after the deployment) counts as 0.
 */
export interface DoraInput {
  prs: readonly Pick<PullRequestRecord, "repoId" | "number" | "createdAt" | "mergedAt">[];
  /** Earliest commit `authoredAt` per PR, keyed by `prKey`; a PR without one starts at its createdAt. */
  commitsByPr: ReadonlyMap<string, Date | null>;
  deployments: readonly DeploymentRecord[];
  since: Date;
  until: Date;
  /** Regex source for production environment names (RepoConfig.productionEnvironment). */
  productionPattern: string;
}

export interface Dora {
  since: Date;
  until: Date;
  deploymentsCount: number;
  deploymentFrequencyPerWeek: number | null;
  leadTimeForChangesHours: number | null;
  changeFailureRate: number | null;
  timeToRestoreHours: number | null;
}

export const prKey = (repoId: number, number: number): string => `${repoId}#${number}`;

const hours = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 3_600_000;

const inRange = (date: Date, since: Date, until: Date): boolean =>
  date.getTime() >= since.getTime() && date.getTime() < until.getTime();

/** Successful production deployments per repository, in order of creation. */
function successesByRepo(production: readonly DeploymentRecord[]): Map<number, DeploymentRecord[]> {
  const byRepo = new Map<number, DeploymentRecord[]>();
  for (const deployment of production) {
    if (finalStatus(deployment) !== "success") continue;
    const list = byRepo.get(deployment.repoId) ?? [];
    list.push(deployment);
    byRepo.set(deployment.repoId, list);
  }
  return byRepo;
}

/** The first of `sorted` (by createdAt) passing `after`, by binary search; `after` must be monotonic. */
function firstWhere(
  sorted: readonly DeploymentRecord[],
  after: (deployment: DeploymentRecord) => boolean,
): DeploymentRecord | null {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (after(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return sorted[low] ?? null;
}

/** What every range's figures read of the deployments: production ones in order, and each repository's successes. */
export interface PreparedDeployments {
  production: DeploymentRecord[];
  successes: Map<number, DeploymentRecord[]>;
}

export function prepareDeployments(
  input: Pick<DoraInput, "deployments" | "productionPattern">,
): PreparedDeployments {
  const production = productionDeployments(input.deployments, input.productionPattern);
  return { production, successes: successesByRepo(production) };
}

/** The production deployments created in [since, until), by binary search on their order. */
function createdIn(production: readonly DeploymentRecord[], since: Date, until: Date): DeploymentRecord[] {
  const from = firstIndex(production, (d) => d.createdAt.getTime() >= since.getTime());
  const to = firstIndex(production, (d) => d.createdAt.getTime() >= until.getTime());
  return production.slice(from, to);
}

function firstIndex(sorted: readonly DeploymentRecord[], after: (d: DeploymentRecord) => boolean): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (after(sorted[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The figures of [since, until) over prepared deployments; PRs merged outside the range are ignored. */
export function doraOf(
  prepared: PreparedDeployments,
  input: Pick<DoraInput, "prs" | "commitsByPr" | "since" | "until">,
): Dora {
  const { since, until } = input;
  const { successes } = prepared;
  const inWindow = createdIn(prepared.production, since, until);
  const finals = inWindow.map(finalStatus).filter((status) => status !== null);
  const failedCount = finals.filter((status) => status !== "success").length;
  const weeks = (until.getTime() - since.getTime()) / WEEK_MS;

  const leadTimes = input.prs.map((pr) => {
    if (!pr.mergedAt || !inRange(pr.mergedAt, since, until)) return null;
    const mergedAt = pr.mergedAt;
    const repoSuccesses = successes.get(pr.repoId) ?? [];
    const deployed = firstWhere(repoSuccesses, (d) => d.createdAt.getTime() >= mergedAt.getTime());
    const start = input.commitsByPr.get(prKey(pr.repoId, pr.number)) ?? pr.createdAt;
    return deployed ? Math.max(0, hours(start, deployed.createdAt)) : null;
  });

  const restoreTimes = inWindow
    .filter((deployment) => finalStatus(deployment) === "failure" || finalStatus(deployment) === "error")
    .map((failed) => {
      const repoSuccesses = successes.get(failed.repoId) ?? [];
      const restored = firstWhere(
        repoSuccesses,
        (d) =>
          d.createdAt.getTime() > failed.createdAt.getTime() ||
          (d.createdAt.getTime() === failed.createdAt.getTime() && d.deploymentId > failed.deploymentId),
      );
      return restored ? hours(failed.createdAt, restored.createdAt) : null;
    });

  return {
    since,
    until,
    deploymentsCount: inWindow.length,
    deploymentFrequencyPerWeek:
      weeks > 0 ? round2(finals.filter((status) => status === "success").length / weeks) : null,
    leadTimeForChangesHours: median(leadTimes),
    changeFailureRate: share(failedCount, finals.length),
    timeToRestoreHours: median(restoreTimes),
  };
}

export const computeDora = (input: DoraInput): Dora => doraOf(prepareDeployments(input), input);
