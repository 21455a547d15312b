import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../../storage/unavailable.js";
import {
  claimDeliveries,
  inboxCollection,
  markApplied,
  markFailed,
  releaseClaim,
  type FailurePolicy,
} from "../../storage/inbox/index.js";
import type { InboxDelivery } from "../../storage/models/inbox-delivery.js";
import type { WebhookDeps } from "../deps.js";
import { applyBatch, type BatchOutcome } from "./apply-batch.js";

export interface ProcessorOptions {
  /** Deliveries per batch: more coalesce better, fewer keep a batch's retry small. */
  batchSize?: number;
  /** How often an idle processor looks for new deliveries. */
  idleMs?: number;
  /** How long a claim lasts: a worker that dies holding one delays its deliveries by this much. */
  leaseMs?: number;
  failures?: FailurePolicy;
}

export interface InboxProcessor {
  /** Applies until nothing is available (tests, the CLI's replay --wait). Returns deliveries handled. */
  drain(): Promise<number>;
  start(): void;
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
}

const eventName = (delivery: InboxDelivery) =>
  delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event;

const DEFAULT_FAILURES: FailurePolicy = {
  maxAttempts: 5,
  // 2 s, 8 s, 32 s, 2 min: a delivery that fails for a passing reason gets through well within the hour.
  backoffMs: (attempts) => Math.min(2_000 * 4 ** (attempts - 1), 10 * 60_000),
};

/**
 * The worker's half of ingest: takes deliveries from the inbox in batches, applies them in bulk, and
 * marks them applied. A database that fails under a batch gives it back untouched (no attempt used);
 * any other failure is narrowed down to the delivery that causes it, which is retried with backoff and
 * set aside after its last attempt, while the rest of the batch applies.
 */
export function createInboxProcessor(
  deps: WebhookDeps & { log: Logger },
  options: ProcessorOptions = {},
): InboxProcessor {
  const collection = inboxCollection(deps.store);
  const batchSize = options.batchSize ?? 1000;
  const idleMs = options.idleMs ?? 200;
  const leaseMs = options.leaseMs ?? 60_000;
  const failures = options.failures ?? DEFAULT_FAILURES;
  let running = false;
  let loop: Promise<void> | null = null;
  /** Claims held when the database went away: given back as soon as it answers again. */
  let abandoned: string[] = [];

  /** Set-aside deliveries let go of the claim first, so `held` then marks the applied ones only. */
  async function settle(outcome: BatchOutcome, held: { claim: string } | { id: string }): Promise<void> {
    for (const { delivery, reason } of outcome.invalid) {
      const details = { deliveryId: delivery._id, event: eventName(delivery) };
      deps.log.warn(details, "webhook delivery set aside: its payload is not what GitHub documents");
      deps.reportError(new Error(`invalid ${details.event} payload: ${reason}`), details);
      await markFailed(collection, delivery, reason, { ...failures, maxAttempts: delivery.attempts + 1 });
    }
    if ("id" in held && !outcome.applied.includes(held.id)) return;
    await markApplied(collection, held);
  }

  /** One failed try of a delivery: retried after its backoff, or set aside after its last attempt. */
  async function fail(delivery: InboxDelivery, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const result = await markFailed(collection, delivery, message, failures);
    const details = { deliveryId: delivery._id, event: eventName(delivery) };
    deps.log.warn({ ...details, err: error, result }, "webhook delivery failed");
    // Sentry hears of a delivery once, when it is set aside; each try is in the log.
    if (result === "failed") deps.reportError(error, details);
  }

  /** Applies deliveries one at a time, so one that keeps failing only holds itself back. */
  async function applyEach(deliveries: readonly InboxDelivery[], claim: string): Promise<void> {
    for (const delivery of deliveries) {
      try {
        const outcome = await applyBatch(deps, [delivery]);
        await settle(outcome, { id: delivery._id });
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        await fail(delivery, error);
      }
    }
    await releaseClaim(collection, claim);
  }

  /** Claims and applies one batch; returns how many deliveries it held. */
  async function processOnce(): Promise<number> {
    for (const claim of abandoned) await releaseClaim(collection, claim);
    abandoned = [];
    const { claim, deliveries } = await claimDeliveries(collection, { limit: batchSize, leaseMs });
    if (deliveries.length === 0) return 0;
    try {
      await settle(await applyBatch(deps, deliveries), { claim });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        abandoned.push(claim);
        throw error;
      }
      try {
        // A lone delivery has had its try; a batch is narrowed down to the delivery that fails.
        if (deliveries.length === 1) await fail(deliveries[0], error);
        else await applyEach(deliveries, claim);
      } catch (narrowing) {
        abandoned.push(claim);
        throw narrowing;
      }
    }
    return deliveries.length;
  }

  async function run(): Promise<void> {
    let pause = idleMs;
    while (running) {
      try {
        const handled = await processOnce();
        pause = idleMs;
        if (handled < batchSize) await sleep(idleMs);
      } catch (error) {
        // The database is away: what was claimed comes back when its lease runs out.
        deps.log.warn({ err: error }, "inbox: database unavailable, retrying");
        pause = Math.min(pause * 2, 5_000);
        await sleep(pause);
      }
    }
  }

  return {
    async drain() {
      let total = 0;
      for (let handled = await processOnce(); handled > 0; handled = await processOnce()) total += handled;
      return total;
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      await loop;
      loop = null;
    },
  };
}
