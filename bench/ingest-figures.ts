import type { AcknowledgedTally, InboxCounts } from "./inbox-contract.js";
import type { BurstResult } from "./fire-deliveries.js";

/** Deliveries answered 2xx per second of the burst. */
export const acknowledgedPerSecond = (burst: BurstResult): number =>
  burst.durationMs <= 0 ? 0 : (burst.acknowledged * 1000) / burst.durationMs;

/** What happened to the backlog after mergelens's burst. */
export type DrainResult =
  | { status: "no-inbox" }
  | {
      status: "drained";
      /** Burst end → no delivery pending. */
      drainMs: number;
      /** Deliveries the worker applied from burst start until the backlog was drained. */
      applied: number;
      appliedPerSecond: number;
      /** Set aside (state "failed") during the run. */
      failed: number;
      proof: AcknowledgedTally;
    }
  | {
      status: "timeout";
      timeoutMs: number;
      /** Still pending when the wait gave up. */
      pending: number;
      applied: number;
      /** Over burst start → giving up. */
      appliedPerSecond: number;
      failed: number;
      proof: AcknowledgedTally;
    };

/**
 * The drain's figures from the inbox counts before the burst and after the drain: applied deliveries
 * per second over the whole time the worker needed (burst start → drained), so a worker that keeps up
 * shows the rate it was given and one that falls behind its own capacity.
 */
export function drainFigures(
  before: InboxCounts,
  after: InboxCounts,
  /** `drainedAt`: when nothing was pending any more (or when the wait gave up). */
  times: { burstStart: number; burstEnd: number; drainedAt: number },
): { drainMs: number; applied: number; appliedPerSecond: number; failed: number } {
  const applied = after.applied - before.applied;
  const elapsed = times.drainedAt - times.burstStart;
  return {
    drainMs: Math.max(0, times.drainedAt - times.burstEnd),
    applied,
    appliedPerSecond: elapsed <= 0 ? 0 : (applied * 1000) / elapsed,
    failed: after.failed - before.failed,
  };
}
