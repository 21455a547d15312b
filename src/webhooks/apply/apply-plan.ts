import { refreshPullRequests } from "../../convert/refresh-pull-requests.js";
import { getRepoConfig } from "../../convert/repo-config-cache.js";
import { recordDraftHistory } from "../../storage/write/draft-history.js";
import { ensureRepository, purgeRemoved } from "../../storage/write/installations.js";
import { writePullRequests } from "../../storage/write/pull-requests.js";
import { writeDeployments } from "../../storage/write/deployments.js";
import { saveCheckSuite } from "../../storage/write/check-suites.js";
import {
  tombstoneComments,
  writeCheckRuns,
  writeComments,
  writeReviews,
} from "../../storage/write/related-records.js";
import type { WebhookDeps } from "../deps.js";
import { requestCompletion, runHook } from "../handlers/run-hook.js";
import { repoConfigSource } from "./config-source.js";
import type { RepositoryPlan } from "./plan-batch.js";

/** A later arrival of an equal version wins, as GitHub's own order would have it. */
const AS_DELIVERED = { rewriteEqual: true };

/** The writes of one repository's plan, for a repository still in the app. */
async function writePlan(deps: WebhookDeps, plan: RepositoryPlan, fullName: string): Promise<void> {
  const { store } = deps;
  const repo = { installationId: plan.repository.installationId, repoId: plan.repository.repoId };
  // The stored name: the payload's may be older than a rename already applied.
  const prs = plan.pullRequests.map((change) => ({ record: { ...change.record, repo: fullName } }));
  await writePullRequests(store, repo, prs, AS_DELIVERED);
  await recordDraftHistory(
    store,
    repo,
    new Map(plan.pullRequests.map((change) => [change.record.number, change.signal])),
  );
  await writeReviews(store, plan.reviews, AS_DELIVERED);
  await writeComments(store, plan.comments, AS_DELIVERED);
  await tombstoneComments(store, plan.deletedComments);
  await writeCheckRuns(store, plan.checkRuns, AS_DELIVERED);
  // Suites come one per push and app: one write each.
  for (const suite of plan.checkSuites) await saveCheckSuite(store, suite);
  // A status may arrive before its deployment's own delivery: it carries the deployment too.
  await writeDeployments(store, [
    ...plan.deployments.map((deployment) => ({ ...deployment, statuses: [] })),
    ...plan.deploymentStatuses.map(({ deployment, status }) => ({ ...deployment, statuses: [status] })),
  ]);
  if (plan.refresh.length === 0) return;
  const config = await getRepoConfig(repoConfigSource(deps, { ...repo, fullName }), repo);
  await refreshPullRequests(store, repo, plan.refresh, config);
}

/**
 * Applies one repository's share of a batch: tracks the repository (or stores nothing, if it left the
 * app), writes every record in bulk, recomputes the touched PRs' metrics once, then hands merged PRs to
 * the sync engine. A removal applied meanwhile wins: what was written is deleted again.
 */
export async function applyRepositoryPlan(deps: WebhookDeps, plan: RepositoryPlan): Promise<void> {
  const fullName = await ensureRepository(deps.store, plan.repository);
  if (fullName === null) return;
  const { installationId, repoId } = plan.repository;
  try {
    await writePlan(deps, plan, fullName);
  } finally {
    await purgeRemoved(deps.store, installationId, [repoId]);
  }
  // The hook is idempotent (one live job per PR), so a PR merged twice in a batch is harmless.
  for (const { number, deliveryId } of plan.merged) {
    const ref = { installationId, repoId, repo: fullName, number };
    const details = { deliveryId, event: "pull_request.closed", hook: "onPullRequestMerged", ...ref };
    await runHook(deps, details, () => deps.onPullRequestMerged(ref));
  }
  for (const { number, deliveryId } of plan.completions)
    await requestCompletion(deps, deliveryId, { installationId, repoId, repo: fullName, number });
}
