import type { EntryProgress, InboxBatch, InboxState } from "../models/inbox-batch.js";
import { isDue, progressOf } from "./delivery-view.js";

/** What became of one delivery the worker tried. */
export type DeliveryOutcome =
  | { kind: "applied" }
  /** `final`: set aside now, whatever attempts are left (its payload can never apply). */
  | { kind: "failed"; error: string; final?: boolean };

export interface FailurePolicy {
  maxAttempts: number;
  /** Delay before the next try after `attempts` failures. */
  backoffMs(attempts: number): number;
}

export interface BatchSettlement {
  state: InboxState;
  availableAt: Date;
  appliedAt: Date | null;
  /** Only the deliveries whose progress changed; absent on the common path (all applied at once). */
  progress: Record<string, EntryProgress>;
}

const ERROR_KEPT = 2_000;

function progressAfter(
  before: EntryProgress | undefined,
  outcome: DeliveryOutcome,
  policy: FailurePolicy,
  now: Date,
): EntryProgress {
  const attempts = before?.attempts ?? 0;
  if (outcome.kind === "applied")
    return { attempts, lastError: before?.lastError ?? null, retryAt: null, done: true, setAside: false };
  const tried = attempts + 1;
  const setAside = outcome.final === true || tried >= policy.maxAttempts;
  return {
    attempts: tried,
    lastError: outcome.error.slice(0, ERROR_KEPT),
    retryAt: setAside ? null : new Date(now.getTime() + policy.backoffMs(tried)),
    done: false,
    setAside,
  };
}

/**
 * A claimed batch after its due deliveries were tried (`outcomes` by delivery id; one left out was not
 * tried and stays due). Pending while any delivery is left, available again at the earliest retry;
 * otherwise applied, or failed when some were set aside. Pure, so the worker's bookkeeping is tested
 * without a database.
 */
export function settleBatch(
  batch: InboxBatch,
  outcomes: ReadonlyMap<string, DeliveryOutcome>,
  policy: FailurePolicy,
  now: Date,
): BatchSettlement {
  const changed: Record<string, EntryProgress> = {};
  let nextTry: number | null = null;
  let setAside = false;
  batch.deliveries.forEach((entry, index) => {
    const before = progressOf(batch, index);
    const outcome = isDue(before, now) ? outcomes.get(entry.id) : undefined;
    const after = outcome ? progressAfter(before, outcome, policy, now) : before;
    if (outcome && after) changed[String(index)] = after;
    if (after?.setAside) setAside = true;
    if (after?.done || after?.setAside) return;
    const at = after?.retryAt?.getTime() ?? now.getTime();
    nextTry = nextTry === null ? at : Math.min(nextTry, at);
  });
  if (nextTry !== null)
    return { state: "pending", availableAt: new Date(nextTry), appliedAt: null, progress: changed };
  const state = setAside ? "failed" : "applied";
  // Once nothing is pending, every delivery not set aside is applied: only the set-aside ones need a record.
  const kept = Object.fromEntries(Object.entries(changed).filter(([, progress]) => progress.setAside));
  return { state, availableAt: now, appliedAt: state === "applied" ? now : null, progress: kept };
}

/** The common case: every delivery of a batch that never failed applied with it. Nothing to record per delivery. */
export const appliedWhole = (batch: InboxBatch, outcomes: ReadonlyMap<string, DeliveryOutcome>): boolean =>
  batch.progress === undefined &&
  batch.deliveries.every((entry) => outcomes.get(entry.id)?.kind === "applied");
