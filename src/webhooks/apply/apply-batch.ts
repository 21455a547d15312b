import type { InboxDelivery } from "../../storage/inbox/index.js";
import type { WebhookDeps } from "../deps.js";
import { applyControl } from "./apply-control.js";
import { applyRepositoryPlan } from "./apply-plan.js";
import { parseDelivery } from "./parse-delivery.js";
import { createBatchPlanner, isControl, type ControlDelivery } from "./plan-batch.js";

export interface BatchOutcome {
  /** Stored, or nothing to store (an event mergelens does not read, a repository no longer tracked). */
  applied: string[];
  /** Signed by GitHub but unreadable: set aside at once, since trying again cannot help. */
  invalid: Array<{ delivery: InboxDelivery; reason: string }>;
}

/**
 * Applies a batch of deliveries: access and config changes first, one by one in arrival order, then
 * every repository's records in bulk (GitHub's timestamps, not arrival order, decide what is newest).
 * Throws when a write fails; the caller decides whether to retry the batch or isolate a delivery.
 */
export async function applyBatch(
  deps: WebhookDeps,
  deliveries: readonly InboxDelivery[],
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { applied: [], invalid: [] };
  const controls: ControlDelivery[] = [];
  const planner = createBatchPlanner();
  for (const delivery of deliveries) {
    const result = parseDelivery(delivery);
    if (result.kind === "invalid") outcome.invalid.push({ delivery, reason: result.reason });
    else if (result.kind === "ignored") outcome.applied.push(delivery.id);
    else if (isControl(result.parsed)) controls.push(result.parsed);
    // Extracted at once: a claim of thousands holds their records, not every parsed payload.
    else planner.add(result.parsed);
  }
  for (const control of controls) {
    await applyControl(deps, control);
    outcome.applied.push(control.delivery.id);
  }
  for (const plan of planner.plans()) {
    await applyRepositoryPlan(deps, plan);
    outcome.applied.push(...plan.deliveryIds);
  }
  return outcome;
}
