import { RateLimitReservedError } from "./errors.js";

/** GitHub counts REST (`core`) and GraphQL (`graphql`) separately; `x-ratelimit-resource` names which. */
export type RateResource = "core" | "graphql" | (string & {});

export interface RateWindow {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface GraphqlRateLimit {
  cost: number;
  limit: number;
  remaining: number;
  resetAt: string;
}

type Headers = Record<string, string | number | undefined>;

/** Leaves room for webhooks handlers and other jobs of the same installation in the same hour. */
export const DEFAULT_RESERVE = 200;

/**
 * What one installation has left this hour, as GitHub last told us. Jobs call `assertAbove` before each
 * request; below the reserve it throws `RateLimitReservedError` with the reset time, so the job checkpoints
 * and is rescheduled instead of sleeping. Also sums GraphQL points spent, for logs and the benchmark.
 */
export class RateBudget {
  readonly reserve: number;
  pointsSpent = 0;
  readonly #windows = new Map<string, RateWindow>();

  constructor(options: { reserve?: number } = {}) {
    this.reserve = options.reserve ?? DEFAULT_RESERVE;
  }

  /** From any REST or GraphQL response (including error responses). */
  observeHeaders(headers: Headers): void {
    const limit = Number(headers["x-ratelimit-limit"]);
    const remaining = Number(headers["x-ratelimit-remaining"]);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (![limit, remaining, reset].every(Number.isFinite) || headers["x-ratelimit-limit"] === undefined)
      return;
    this.#observe(String(headers["x-ratelimit-resource"] ?? "core"), {
      limit,
      remaining,
      resetAt: new Date(reset * 1000),
    });
  }

  /** From a query's `rateLimit { cost limit remaining resetAt }`. */
  observeGraphql(rateLimit: GraphqlRateLimit): void {
    this.pointsSpent += rateLimit.cost;
    this.#observe("graphql", {
      limit: rateLimit.limit,
      remaining: rateLimit.remaining,
      resetAt: new Date(rateLimit.resetAt),
    });
  }

  /** From `GET /rate_limit`'s per-resource figures (free: it does not count against the limit). */
  observeWindow(resource: RateResource, window: RateWindow): void {
    this.#observe(resource, window);
  }

  /** The current window, or undefined when unknown or already reset. */
  window(resource: RateResource): RateWindow | undefined {
    const window = this.#windows.get(resource);
    return window && window.resetAt.getTime() > Date.now() ? window : undefined;
  }

  assertAbove(resource: RateResource, reserve: number = this.reserve): void {
    const window = this.window(resource);
    if (window && window.remaining < reserve) {
      throw new RateLimitReservedError(
        `GitHub ${resource} budget at ${window.remaining}/${window.limit}, below the reserve of ${reserve}`,
        window.resetAt,
        "reserve",
      );
    }
  }

  #observe(resource: string, next: RateWindow): void {
    const current = this.#windows.get(resource);
    // Responses of concurrent requests arrive out of order: within one window, the lowest count is the newest.
    if (current && current.resetAt.getTime() === next.resetAt.getTime() && current.remaining < next.remaining)
      return;
    this.#windows.set(resource, next);
  }
}
