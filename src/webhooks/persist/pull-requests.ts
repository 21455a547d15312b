import { deriveReadyAt } from "../../metrics/ready-at.js";
import type { PullRequestRecord } from "../../records/types.js";
import type { Store } from "../../storage/store.js";
import { upsertIfNewer, type WriteOutcome } from "./upsert-if-newer.js";

/** What the delivery's action tells us about the PR's draft history, beyond its current state. */
export interface DraftSignal {
  /** From `opened`: whether the PR started as a draft. */
  openedAsDraft?: boolean;
  /** From `ready_for_review`: when it left draft. */
  readyForReviewAt?: Date;
}

type PullRequestKey = Pick<PullRequestRecord, "installationId" | "repoId" | "number">;

/** Sizes missing from a payload must not erase sizes a fuller payload (or the sync) stored. */
function withoutMissingSizes(record: PullRequestRecord): Partial<PullRequestRecord> {
  const fields: Partial<PullRequestRecord> = { ...record };
  if (record.additions === null) delete fields.additions;
  if (record.deletions === null) delete fields.deletions;
  if (record.changedFiles === null) delete fields.changedFiles;
  return fields;
}

export async function savePullRequest(
  store: Store,
  record: PullRequestRecord,
  signal: DraftSignal = {},
): Promise<WriteOutcome> {
  const key: PullRequestKey = {
    installationId: record.installationId,
    repoId: record.repoId,
    number: record.number,
  };
  const model = store.pullRequests;
  const outcome = await upsertIfNewer(model, key, withoutMissingSizes(record), "updatedAt");

  // Draft history is true whatever order deliveries arrive in, so it bypasses the stale guard.
  if (signal.openedAsDraft !== undefined) {
    await model.updateOne(key, { $set: { openedAsDraft: signal.openedAsDraft } });
  }
  const stored = await model.findOne(key, { _id: 1 }).lean();
  if (!stored) return outcome;
  // Led by the _id with plain field conditions: a point lookup (see `overwritable`).
  const byId = { _id: stored._id, ...key };
  if (signal.readyForReviewAt) {
    // First one wins (a stored null or a later date gives way). Not `$min`: a stored null sorts
    // before every date, so `$min` would keep it.
    const at = signal.readyForReviewAt;
    await model.updateOne(
      { ...byId, firstReadyForReviewAt: { $not: { $lte: at } } },
      { $set: { firstReadyForReviewAt: at } },
    );
  }
  await refreshReadyAt(store, key, stored._id);
  return outcome;
}

/** Recomputes `readyAt`; the write only applies if its inputs did not change meanwhile. */
async function refreshReadyAt(store: Store, key: PullRequestKey, id: unknown): Promise<void> {
  const model = store.pullRequests;
  const stored = await model
    .findOne(key, { createdAt: 1, draft: 1, openedAsDraft: 1, firstReadyForReviewAt: 1, readyAt: 1 })
    .lean();
  if (!stored) return;
  // null matches a missing field too, e.g. on a document the sync wrote without draft history.
  const inputs = {
    createdAt: stored.createdAt,
    draft: stored.draft,
    openedAsDraft: stored.openedAsDraft ?? null,
    firstReadyForReviewAt: stored.firstReadyForReviewAt ?? null,
  };
  const readyAt = deriveReadyAt(inputs);
  if ((readyAt?.getTime() ?? null) === (stored.readyAt?.getTime() ?? null)) return;
  await model.updateOne(
    {
      _id: id,
      ...key,
      draft: inputs.draft,
      openedAsDraft: inputs.openedAsDraft,
      firstReadyForReviewAt: inputs.firstReadyForReviewAt,
    },
    { $set: { readyAt } },
  );
}
