import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { PooledDelivery } from "./delivery-pool.js";

export interface BurstOptions {
  /** The app's base URL; deliveries go to `/api/github/webhooks`. */
  url: string;
  pool: readonly PooledDelivery[];
  connections: number;
  durationSeconds: number;
}

/** What a burst got back, as GitHub would count it: a 2xx within 10 s is a delivered (acknowledged) one. */
export interface BurstResult {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  connections: number;
  sent: number;
  acknowledged: number;
  /** Answered, but not 2xx: GitHub records these as failed deliveries. */
  refused: number;
  /** No answer within GitHub's 10 s, or a broken connection. */
  timeouts: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** Acknowledgement latency over the 2xx answers, in milliseconds (autocannon's histogram). */
  latencyMs: { p50: number; p99: number; max: number; mean: number };
}

/** GitHub gives a delivery 10 s; an answer later than that is a failed delivery. */
export const GITHUB_TIMEOUT_SECONDS = 10;

/** The request one send makes: the pooled body with its signature and a delivery id of its own. */
export function deliveryRequest(delivery: PooledDelivery, deliveryId: string) {
  return {
    method: "POST" as const,
    path: "/api/github/webhooks",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/bench",
      "x-github-delivery": deliveryId,
      "x-github-event": delivery.event,
      "x-hub-signature-256": delivery.signature,
    },
    body: delivery.body,
  };
}

/**
 * Fires the pool round-robin at the app with autocannon for `durationSeconds`, one request in flight per
 * connection (as GitHub's deliveries are independent requests), and returns the delivery ids that were
 * answered 2xx with the figures. Without pipelining each connection has one request in flight, so the
 * id a connection's `setupRequest` chose is the one its next response answers.
 */
export async function fireDeliveries(
  options: BurstOptions,
): Promise<{ result: BurstResult; acknowledgedIds: string[] }> {
  if (options.pool.length === 0) throw new Error("no deliveries to fire");
  let next = 0;
  const inFlight = new WeakMap<object, string>();
  const acknowledgedIds: string[] = [];
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    timeout: GITHUB_TIMEOUT_SECONDS,
    excludeErrorStats: true,
    requests: [
      {
        setupRequest: (_request, context) => {
          const delivery = options.pool[next++ % options.pool.length];
          const id = randomUUID();
          inFlight.set(context, id);
          return deliveryRequest(delivery, id);
        },
        onResponse: (status, _body, context) => {
          const id = inFlight.get(context);
          if (id !== undefined && status >= 200 && status < 300) acknowledgedIds.push(id);
        },
      },
    ],
  });
  // The ids are caught per connection; autocannon's own count of 2xx answers checks that bookkeeping.
  if (acknowledgedIds.length !== result["2xx"]) {
    throw new Error(
      `caught ${acknowledgedIds.length} acknowledged delivery ids of ${result["2xx"]} 2xx answers`,
    );
  }
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  return {
    acknowledgedIds,
    result: {
      startedAt: result.start.toISOString(),
      finishedAt: result.finish.toISOString(),
      durationMs: result.finish.getTime() - result.start.getTime(),
      connections: options.connections,
      sent: result.requests.sent,
      acknowledged: acknowledgedIds.length,
      refused: result.non2xx,
      timeouts: result.timeouts,
      errors: result.errors,
      statusCounts,
      latencyMs: {
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.mean,
      },
    },
  };
}
