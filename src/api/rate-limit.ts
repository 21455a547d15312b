import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * A per-token request budget for `/api/v1` (rate-limiter-flexible's in-memory counters): one leaked or
 * runaway token cannot keep the database busy for everyone. Per process: behind a load balancer each
 * process counts its own share. Keys are token hashes, so no token sits in memory longer than a request.
 */
export interface ApiRateLimiter {
  /** Null when the request may go ahead, else the seconds until the token may ask again. */
  take(token: string): Promise<number | null>;
}

export const DEFAULT_API_RATE_LIMIT_PER_MINUTE = 300;

/** `perMinute` requests per token in any minute; 0 turns the limit off. */
export function createApiRateLimiter(perMinute: number): ApiRateLimiter {
  if (perMinute === 0) return { take: async () => null };
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async take(token) {
      const key = createHash("sha256").update(token).digest("base64url");
      try {
        await limiter.consume(key);
        return null;
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      }
    },
  };
}
