import { MongoBulkWriteError } from "mongodb";
import type { AnyBulkWriteOperation } from "mongoose";
import type { DeploymentRecord, DeploymentStatusRecord } from "../../records/types.js";
import { rebuildWeeksOf } from "../deployment-weeks/rebuild.js";
import { removalsOf } from "./access.js";
import { purgeRemoved } from "./installations.js";
import type { Store } from "../store.js";
import { duplicateKeyIndexes } from "./upsert-if-newer.js";

/**
 * The one write policy for deployments, whoever brings them: a `deployment`/`deployment_status`
 * delivery or a sync page. Keyed by (installationId, deploymentId):
 * - the deployment's own fields are replaced only by a strictly newer `updatedAt` (GitHub moves it
 *   when a status is added), so a late delivery or an older page never overwrites newer data;
 * - statuses only accumulate (GitHub never edits one), each once. They are matched by state and
 *   time, because GraphQL gives a status no database id: the webhook's and the sync's copy of one
 *   status are the same entry, whichever came first;
 * - nothing is stored for a repository removed from the app, and what was written while a removal
 *   applied is purged again (the access records are the tombstones).
 * A repeat of the same data writes no deployment. Every write is led by `_id` or the exact unique key, so
 * the embedded server finds each document by a point lookup. The weeks written to are then rebuilt in
 * DORA's deployment weeks (src/storage/deployment-weeks/rebuild.ts), whoever brought the deployments.
 */
export interface DeploymentWriteOutcome {
  inserted: number;
  /** Deployments whose fields were replaced by newer ones. */
  updated: number;
  statusesAdded: number;
  /** Deployments not written: their repository or installation left the app. */
  refused: number;
}

type DeploymentModel = Store["deployments"];
type Operation = AnyBulkWriteOperation<DeploymentRecord>;

interface StoredDeployment {
  _id: unknown;
  deploymentId: number;
  updatedAt: Date;
  statuses: DeploymentStatusRecord[];
}

/** A retry after losing an insert race reads the winner: three rounds settle any interleaving. */
const MAX_ROUNDS = 3;

const statusKey = (status: Pick<DeploymentStatusRecord, "state" | "createdAt">) =>
  `${status.state}@${status.createdAt.getTime()}`;

/** Splits the statuses of one deployment into those not yet stored, each once. */
function missingStatuses(
  stored: readonly DeploymentStatusRecord[],
  incoming: readonly DeploymentStatusRecord[],
): DeploymentStatusRecord[] {
  const seen = new Set(stored.map(statusKey));
  return incoming.filter((status) => {
    const key = statusKey(status);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Several copies of one deployment in a batch (a delivery per status) become one, newest fields first. */
function mergeDuplicates(deployments: readonly DeploymentRecord[]): DeploymentRecord[] {
  const byId = new Map<number, DeploymentRecord>();
  for (const deployment of deployments) {
    const known = byId.get(deployment.deploymentId);
    if (!known) {
      byId.set(deployment.deploymentId, deployment);
      continue;
    }
    const newer = deployment.updatedAt > known.updatedAt ? deployment : known;
    byId.set(deployment.deploymentId, {
      ...newer,
      statuses: [...known.statuses, ...missingStatuses(known.statuses, deployment.statuses)],
    });
  }
  return [...byId.values()];
}

const insertOp = (deployment: DeploymentRecord): Operation => ({
  updateOne: {
    filter: { installationId: deployment.installationId, deploymentId: deployment.deploymentId },
    update: {
      $setOnInsert: { ...deployment, statuses: missingStatuses([], deployment.statuses) },
    },
    upsert: true,
  },
});

/** The updates that bring a stored deployment up to `incoming`, each guarded against a concurrent write. */
function updateOps(stored: StoredDeployment, incoming: DeploymentRecord): Operation[] {
  const ops: Operation[] = [];
  if (incoming.updatedAt > stored.updatedAt) {
    const { statuses: _statuses, ...fields } = incoming;
    ops.push({
      updateOne: {
        filter: { _id: stored._id, updatedAt: { $lt: incoming.updatedAt } },
        update: { $set: fields },
      },
    });
  }
  for (const status of missingStatuses(stored.statuses, incoming.statuses)) {
    ops.push({
      updateOne: {
        // A concurrent writer may have pushed the same status since the read: push it only if absent.
        filter: {
          _id: stored._id,
          statuses: { $not: { $elemMatch: { state: status.state, createdAt: status.createdAt } } },
        },
        update: { $push: { statuses: status } },
      },
    });
  }
  return ops;
}

async function readStored(
  model: DeploymentModel,
  installationId: number,
  deploymentIds: number[],
): Promise<Map<number, StoredDeployment>> {
  const stored = await model
    .find(
      { installationId, deploymentId: { $in: deploymentIds } },
      { deploymentId: 1, updatedAt: 1, statuses: 1 },
    )
    .lean<StoredDeployment[]>();
  return new Map(stored.map((deployment) => [deployment.deploymentId, deployment]));
}

/** Runs the round's writes; returns the deployments whose insert lost a race (to write again). */
async function writeRound(
  model: DeploymentModel,
  pending: readonly DeploymentRecord[],
  outcome: DeploymentWriteOutcome,
): Promise<DeploymentRecord[]> {
  const stored = await readStored(
    model,
    pending[0].installationId,
    pending.map((deployment) => deployment.deploymentId),
  );
  const inserts = pending.filter((deployment) => !stored.has(deployment.deploymentId));
  const changes = pending.flatMap((deployment) => {
    const current = stored.get(deployment.deploymentId);
    return current ? [{ current, incoming: deployment }] : [];
  });
  const updates = changes.flatMap(({ current, incoming }) => updateOps(current, incoming));
  const ops = [...inserts.map(insertOp), ...updates];
  if (ops.length === 0) return [];
  let upsertedIds: Record<number, unknown>;
  try {
    ({ upsertedIds } = await model.bulkWrite(ops, { ordered: false }));
  } catch (error) {
    // Another writer inserted one of these deployments since the read: the next round updates it.
    if (!(error instanceof MongoBulkWriteError)) throw error;
    duplicateKeyIndexes(error); // rethrows any failure but a duplicate key
    ({ upsertedIds } = error.result);
  }
  const upserted = new Set(Object.keys(upsertedIds).map(Number));
  const lost = inserts.filter((_, index) => !upserted.has(index));
  outcome.inserted += inserts.length - lost.length;
  // Counted from the read: a concurrent writer may have made some of these writes no-ops.
  for (const { current, incoming } of changes) {
    if (incoming.updatedAt > current.updatedAt) outcome.updated += 1;
    outcome.statusesAdded += missingStatuses(current.statuses, incoming.statuses).length;
  }
  return lost;
}

/**
 * Stores deployments of one installation (any of its repositories) in a few round trips: one read of
 * what is stored, one bulk write, and another round only for inserts that raced another writer.
 */
export async function writeDeployments(
  store: Store,
  deployments: readonly DeploymentRecord[],
): Promise<DeploymentWriteOutcome> {
  const outcome: DeploymentWriteOutcome = { inserted: 0, updated: 0, statusesAdded: 0, refused: 0 };
  if (deployments.length === 0) return outcome;
  const installationId = deployments[0].installationId;
  if (deployments.some((deployment) => deployment.installationId !== installationId))
    throw new Error("writeDeployments takes the deployments of one installation");
  const repoIds = [...new Set(deployments.map((deployment) => deployment.repoId))];
  const removals = await removalsOf(store, installationId, repoIds);
  const allowed = deployments.filter(
    (deployment) => !removals.installation && !removals.repoIds.includes(deployment.repoId),
  );
  outcome.refused = deployments.length - allowed.length;
  if (allowed.length === 0) return outcome;
  try {
    let pending = mergeDuplicates(allowed);
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round += 1) {
      pending = await writeRound(store.deployments, pending, outcome);
    }
    // Every week written to, changed or not: a repeat after a crash between the two heals the week.
    await rebuildWeeksOf(store, allowed);
  } finally {
    await purgeRemoved(store, installationId, repoIds);
  }
  return outcome;
}
