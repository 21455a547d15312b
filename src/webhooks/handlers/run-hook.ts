import type { CompletionTarget } from "../../records/types.js";
import type { WebhookDeps } from "../deps.js";

/**
 * Runs a hook that hands work to the sync engine after the delivery's data is stored. Its failure is
 * reported, never thrown: the data is safe, and the scheduled sync finds and finishes what the hook
 * would have queued (PRs without complete data, repositories never backfilled).
 */
export async function runHook(
  deps: WebhookDeps,
  details: Record<string, unknown>,
  hook: () => Promise<void>,
): Promise<void> {
  try {
    await hook();
  } catch (error) {
    deps.reportError(error, details);
  }
}

/** Hands an open PR that `needsCompletion` picked (if any) to the debounced completion. */
export async function requestCompletion(
  deps: WebhookDeps,
  deliveryId: string,
  target: CompletionTarget | null,
): Promise<void> {
  if (!target) return;
  await runHook(deps, { deliveryId, hook: "onCompletionNeeded", ...target }, () =>
    deps.onCompletionNeeded(target),
  );
}
