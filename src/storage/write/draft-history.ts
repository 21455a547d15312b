import type { RepositoryKey } from "../../records/types.js";
import type { Store } from "../store.js";

/** What a delivery's action or a fetched timeline tells of a PR's draft history, beyond its state. */
export interface DraftSignal {
  /** From `opened` or the timeline: whether the PR started as a draft. */
  openedAsDraft?: boolean;
  /** From `ready_for_review` or the timeline: when it (first) left draft. */
  readyForReviewAt?: Date;
}

/**
 * Draft history is true whatever order it is learnt in, so it bypasses the version guard: the first
 * ready-for-review wins (a stored null or a later date gives way; not `$min`, which keeps a null).
 * Writes find the PR by its _id (a point lookup on the embedded server); PRs not stored are skipped.
 */
export async function recordDraftHistory(
  store: Store,
  repo: RepositoryKey,
  signals: ReadonlyMap<number, DraftSignal>,
): Promise<void> {
  const numbers = [...signals.entries()]
    .filter(([, signal]) => signal.openedAsDraft !== undefined || signal.readyForReviewAt !== undefined)
    .map(([number]) => number);
  if (numbers.length === 0) return;
  const stored = await store.pullRequests.find({ ...repo, number: { $in: numbers } }, { number: 1 }).lean();
  const ops = stored.flatMap(({ _id, number }) => {
    const signal = signals.get(number) ?? {};
    // `_id` alone: beside the key's fields it makes the embedded server's update dearer.
    const byId = { _id };
    const at = signal.readyForReviewAt;
    return [
      ...(signal.openedAsDraft === undefined
        ? []
        : [{ updateOne: { filter: byId, update: { $set: { openedAsDraft: signal.openedAsDraft } } } }]),
      ...(at === undefined
        ? []
        : [
            {
              updateOne: {
                filter: { ...byId, firstReadyForReviewAt: { $not: { $lte: at } } },
                update: { $set: { firstReadyForReviewAt: at } },
              },
            },
          ]),
    ];
  });
  if (ops.length > 0) await store.pullRequests.bulkWrite(ops, { ordered: false });
}
