import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../../storage/unavailable.js";
import {
  claimDeliveries,
  inboxStorage,
  ownDeliveries,
  releaseClaim,
  settleClaim,
  type ClaimRef,
  type DeliveryOutcome,
  type FailurePolicy,
  type InboxDelivery,
} from "../../storage/inbox/index.js";
import type { WebhookDeps } from "../deps.js";
import {
  applyBatch,
  applyPlannedBatch,
  planBatch,
  type BatchOutcome,
  type PlannedBatch,
} from "./apply-batch.js";

export interface ProcessorOptions {
  /**
   * Deliveries per batch: more coalesce better (a claim refreshes its repositories' PRs once, whatever
   * its size), a failing one is narrowed down by halves. Payloads stay compressed until parsed.
   * A 20-second burst (~45,000 deliveries) drains in one claim, where claims of 20,000 took a third
   * longer: each claim's PR writes, metric reads and rollup rebuilds cost about as much as its
   * per-delivery work at 8,000. A full claim peaks at about half a gigabyte of the worker's memory.
   */
  batchSize?: number;
  /** How often an idle processor looks for new deliveries. */
  idleMs?: number;
  /**
   * How long a claim lasts: a worker that dies holding one delays its deliveries by this much. Well over
   * the time a full claim takes to apply (one to two minutes), so no other worker takes it meanwhile.
   */
  leaseMs?: number;
  failures?: FailurePolicy;
  /**
   * True while the webhook route in this process is storing deliveries. The processor then waits (up to
   * `maxYieldMs` a step), so that on one database acknowledgements keep their latency during a burst
   * and the backlog is applied after it, in larger, better coalesced batches.
   */
  ingestBusy?: () => boolean;
  maxYieldMs?: number;
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

const YIELD_POLL_MS = 10;

const DEFAULT_FAILURES: FailurePolicy = {
  maxAttempts: 5,
  // 2 s, 8 s, 32 s, 2 min: a delivery that fails for a passing reason gets through well within the hour.
  backoffMs: (attempts) => Math.min(2_000 * 4 ** (attempts - 1), 10 * 60_000),
};

/**
 * The worker's half of ingest: takes deliveries from the inbox in batches, applies them in bulk, and
 * records them applied. A database that fails under a batch gives it back untouched (no attempt used);
 * any other failure is narrowed down to the delivery that causes it, which is retried with backoff and
 * set aside after its last attempt, while the rest of the batch applies.
 */
export function createInboxProcessor(
  deps: WebhookDeps & { log: Logger },
  options: ProcessorOptions = {},
): InboxProcessor {
  const inbox = inboxStorage(deps.store);
  const { batches: collection, ids } = inbox;
  const batchSize = options.batchSize ?? 50_000;
  const idleMs = options.idleMs ?? 200;
  const leaseMs = options.leaseMs ?? 300_000;
  const failures = options.failures ?? DEFAULT_FAILURES;
  const maxYieldMs = options.maxYieldMs ?? 30_000;
  let running = false;
  let loop: Promise<void> | null = null;
  /** Claims held when the database went away: given back as soon as it answers again. */
  let abandoned: ClaimRef[] = [];

  /** The batch's outcome by delivery; set-aside ones are logged and reported once, here. */
  function outcomesOf(outcome: BatchOutcome, into = new Map<string, DeliveryOutcome>()) {
    for (const id of outcome.applied) into.set(id, { kind: "applied" });
    for (const { delivery, reason } of outcome.invalid) {
      const details = { deliveryId: delivery.id, event: eventName(delivery) };
      deps.log.warn(details, "webhook delivery set aside: its payload is not what GitHub documents");
      deps.reportError(new Error(`invalid ${details.event} payload: ${reason}`), details);
      into.set(delivery.id, { kind: "failed", error: reason, final: true });
    }
    return into;
  }

  /** One failed try of a delivery: retried after its backoff, or set aside after its last attempt. */
  function failed(delivery: InboxDelivery, error: unknown): DeliveryOutcome {
    const message = error instanceof Error ? error.message : String(error);
    const setAside = delivery.attempts + 1 >= failures.maxAttempts;
    const details = { deliveryId: delivery.id, event: eventName(delivery) };
    deps.log.warn(
      { ...details, err: error, result: setAside ? "failed" : "retry" },
      "webhook delivery failed",
    );
    // Sentry hears of a delivery once, when it is set aside; each try is in the log.
    if (setAside) deps.reportError(error, details);
    return { kind: "failed", error: message };
  }

  /**
   * Applies deliveries, narrowing a failing batch down by halves until each failure is one delivery's
   * own: one that keeps failing only holds itself back, and finding it in a claim of thousands costs a
   * few dozen smaller batches rather than one per delivery. Halves keep the arrival order.
   */
  async function outcomesFor(
    deliveries: readonly InboxDelivery[],
    planned?: PlannedBatch,
  ): Promise<Map<string, DeliveryOutcome>> {
    if (deliveries.length === 0) return new Map();
    try {
      return outcomesOf(await (planned ? applyPlannedBatch(deps, planned) : applyBatch(deps, deliveries)));
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      if (deliveries.length === 1) return new Map([[deliveries[0].id, failed(deliveries[0], error)]]);
      const middle = Math.ceil(deliveries.length / 2);
      const first = await outcomesFor(deliveries.slice(0, middle));
      return new Map([...first, ...(await outcomesFor(deliveries.slice(middle)))]);
    }
  }

  async function giveWayToIngest(): Promise<void> {
    const until = Date.now() + maxYieldMs;
    while (options.ingestBusy?.() === true && Date.now() < until) await sleep(YIELD_POLL_MS);
  }

  /** Claims and applies one batch; returns how many deliveries it held. */
  async function processOnce(): Promise<number> {
    for (const ref of abandoned) await releaseClaim(collection, ref);
    abandoned = [];
    await giveWayToIngest();
    const claimed = await claimDeliveries(inbox, { limit: batchSize, leaseMs });
    if (claimed.batches.length === 0) return 0;
    try {
      // Registering the ids is the database's work, parsing the worker's: done side by side. The plan
      // covers every claimed delivery; a copy among them (rare), or a delivery that breaks the planner,
      // sends the claim's own deliveries to be planned again (and narrowed down) by `outcomesFor`.
      const owning = ownDeliveries(ids, claimed.deliveries);
      const planning = planBatch(claimed.deliveries).catch(() => undefined);
      const [{ own, copies }, planned] = await Promise.all([owning, planning]);
      const outcomes = await outcomesFor(own, copies.length === 0 ? planned : undefined);
      // A redelivered copy shares its delivery id, and so the outcome, with the copy applied in this claim.
      for (const copy of copies) if (!outcomes.has(copy.id)) outcomes.set(copy.id, { kind: "applied" });
      await giveWayToIngest();
      await settleClaim(collection, claimed, outcomes, failures);
    } catch (error) {
      abandoned.push(claimed.ref);
      throw error;
    }
    return claimed.deliveries.length;
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
