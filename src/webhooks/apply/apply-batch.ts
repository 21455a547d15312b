import { setImmediate as nextTurn } from "node:timers/promises";
import type { InboxDelivery } from "../../storage/inbox/index.js";
import type { WebhookDeps } from "../deps.js";
import { applyControl } from "./apply-control.js";
import { applyRepositoryPlan } from "./apply-plan.js";
import { parseDelivery } from "./parse-delivery.js";
import { createBatchPlanner, isControl, type ControlDelivery, type RepositoryPlan } from "./plan-batch.js";

export interface BatchOutcome {
  /** Stored, or nothing to store (an event mergelens does not read, a repository no longer tracked). */
  applied: string[];
  /** Signed by GitHub but unreadable: set aside at once, since trying again cannot help. */
  invalid: Array<{ delivery: InboxDelivery; reason: string }>;
}

/** A batch read and planned, nothing written yet: what `applyPlannedBatch` writes. */
export interface PlannedBatch {
  /** Ignored deliveries (applied as no-ops) and unreadable ones, already decided. */
  decided: BatchOutcome;
  controls: ControlDelivery[];
  plans: RepositoryPlan[];
}

/**
 * Deliveries parsed between two turns of the event loop. Parsing a claim of thousands takes seconds of
 * CPU: in turns, the database's answers to work started meanwhile (the claim's id registration, the
 * webhook route's inserts) are taken as they come instead of after the whole claim.
 */
const PARSED_PER_TURN = 32;

/** Parses and plans a batch (pure, but for yielding the event loop): records grouped per repository. */
export async function planBatch(deliveries: readonly InboxDelivery[]): Promise<PlannedBatch> {
  const decided: BatchOutcome = { applied: [], invalid: [] };
  const controls: ControlDelivery[] = [];
  const planner = createBatchPlanner();
  for (const [index, delivery] of deliveries.entries()) {
    if (index > 0 && index % PARSED_PER_TURN === 0) await nextTurn();
    const result = parseDelivery(delivery);
    if (result.kind === "invalid") decided.invalid.push({ delivery, reason: result.reason });
    else if (result.kind === "ignored") decided.applied.push(delivery.id);
    else if (isControl(result.parsed)) controls.push(result.parsed);
    // Extracted at once: a claim of thousands holds their records, not every parsed payload.
    else planner.add(result.parsed);
  }
  return { decided, controls, plans: planner.plans() };
}

/**
 * Writes a planned batch: access and config changes first, one by one in arrival order, then every
 * repository's records in bulk (GitHub's timestamps, not arrival order, decide what is newest).
 * Throws when a write fails; the caller decides whether to retry the batch or isolate a delivery.
 */
export async function applyPlannedBatch(deps: WebhookDeps, planned: PlannedBatch): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    applied: [...planned.decided.applied],
    invalid: [...planned.decided.invalid],
  };
  for (const control of planned.controls) {
    await applyControl(deps, control);
    outcome.applied.push(control.delivery.id);
  }
  for (const plan of planned.plans) {
    await applyRepositoryPlan(deps, plan);
    outcome.applied.push(...plan.deliveryIds);
  }
  return outcome;
}

/** Plans and applies a batch of deliveries (see `planBatch` and `applyPlannedBatch`). */
export async function applyBatch(
  deps: WebhookDeps,
  deliveries: readonly InboxDelivery[],
): Promise<BatchOutcome> {
  return applyPlannedBatch(deps, await planBatch(deliveries));
}
