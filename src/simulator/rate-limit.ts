/** GitHub's primary rate limit: an hourly budget per installation (all its tokens share it) and resource. */
export type Resource = "core" | "graphql";

export interface Bucket {
  limit: number;
  used: number;
  /** Epoch ms when the budget refills. */
  resetAt: number;
}

export interface RateLimitOptions {
  /** Requests (REST) or points (GraphQL) per window. Default 5,000. */
  limit?: number;
  /** Default one hour. */
  windowMs?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  readonly limit: number;
  private readonly windowMs: number;

  constructor(options: RateLimitOptions = {}) {
    this.limit = options.limit ?? 5000;
    this.windowMs = options.windowMs ?? 3_600_000;
  }

  /** The budget of `who` (e.g. `installation:1`), refilled when its window is over. */
  bucket(who: string, resource: Resource): Bucket {
    const key = `${who}/${resource}`;
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= Date.now()) {
      bucket = { limit: this.limit, used: 0, resetAt: Date.now() + this.windowMs };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Spends `amount` when the budget has it; false (and nothing spent) when it does not. */
  spend(bucket: Bucket, amount: number): boolean {
    if (bucket.used + amount > bucket.limit) return false;
    bucket.used += amount;
    return true;
  }

  /** Empties a budget until its reset (optionally moved to `resetInMs` from now). */
  exhaust(bucket: Bucket, resetInMs?: number): void {
    bucket.used = bucket.limit;
    if (resetInMs !== undefined) bucket.resetAt = Date.now() + resetInMs;
  }

  headers(bucket: Bucket, resource: Resource): Record<string, string> {
    return {
      "x-ratelimit-limit": String(bucket.limit),
      "x-ratelimit-remaining": String(Math.max(0, bucket.limit - bucket.used)),
      "x-ratelimit-used": String(bucket.used),
      "x-ratelimit-reset": String(Math.ceil(bucket.resetAt / 1000)),
      "x-ratelimit-resource": resource,
    };
  }
}
