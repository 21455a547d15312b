import type { Connection } from "mongoose";
import { accessChangeModel } from "./models/access-change.js";
import { apiTokenModel } from "./models/api-token.js";
import { changedFileModel } from "./models/changed-file.js";
import { checkRunModel, checkSuiteModel } from "./models/check-run.js";
import { commentModel } from "./models/comment.js";
import { commitModel } from "./models/commit.js";
import { deploymentModel } from "./models/deployment.js";
import { deploymentWeekModel } from "./models/deployment-week.js";
import { RETENTION_INDEX } from "./inbox/retention.js";
import { inboxArrivalModel, inboxModel, inboxRegistrationModel } from "./models/inbox-batch.js";
import { installationModel } from "./models/installation.js";
import { pullRequestModel } from "./models/pull-request.js";
import { repositoryModel } from "./models/repository.js";
import { reviewModel } from "./models/review.js";
import { rollupModel } from "./models/rollup.js";
import { rollupSliceModel } from "./models/rollup-slice.js";
import { weekRollupModel } from "./models/week-rollup.js";
import { weekSliceModel } from "./models/week-slice.js";
import { SERVER_CODES, unlessServerCode } from "./server-errors.js";

/** Every model bound to one connection, passed to the modules that read or write (so tests inject it). */
export function createStore(db: Connection) {
  return {
    db,
    installations: installationModel(db),
    repositories: repositoryModel(db),
    pullRequests: pullRequestModel(db),
    reviews: reviewModel(db),
    commits: commitModel(db),
    changedFiles: changedFileModel(db),
    checkRuns: checkRunModel(db),
    checkSuites: checkSuiteModel(db),
    comments: commentModel(db),
    deployments: deploymentModel(db),
    apiTokens: apiTokenModel(db),
    accessChanges: accessChangeModel(db),
    inbox: inboxModel(db),
    inboxArrivals: inboxArrivalModel(db),
    inboxRegistrations: inboxRegistrationModel(db),
    rollups: rollupModel(db),
    rollupSlices: rollupSliceModel(db),
    weekRollups: weekRollupModel(db),
    weekSlices: weekSliceModel(db),
    deploymentWeeks: deploymentWeekModel(db),
  };
}

export type Store = ReturnType<typeof createStore>;

/**
 * Per-installation collections: everything an installation's deletion must remove. Not `accessChanges`:
 * they are what keeps late deliveries from bringing that data back.
 */
export const installationScopedModels = (store: Store) => [
  store.repositories,
  store.pullRequests,
  store.reviews,
  store.commits,
  store.changedFiles,
  store.checkRuns,
  store.checkSuites,
  store.comments,
  store.deployments,
];

/**
 * Each model's collection and indexes as its schema declares them, as mongoose's `syncIndexes` leaves
 * them, except that the inbox's retention index (made at a worker's start from INBOX_RETENTION_DAYS, so
 * in no schema) is kept, and an index another process dropped first counts as dropped: webhook servers
 * and workers start together, and `syncIndexes` dropped the retention index or failed on the race.
 */
export async function syncIndexes(store: Store): Promise<void> {
  for (const model of Object.values(store.db.models)) {
    await model.createCollection().catch(unlessServerCode(SERVER_CODES.namespaceExists));
    const { toDrop } = await model.diffIndexes({ indexOptionsToCreate: true });
    for (const name of toDrop) {
      if (name === RETENTION_INDEX) continue;
      await model.collection.dropIndex(name).catch(unlessServerCode(SERVER_CODES.indexNotFound));
    }
    await model.createIndexes();
  }
}
