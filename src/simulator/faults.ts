/** Failures a test asks for: GitHub's own ways of going wrong, on the requests it picks. */
export type FaultKind =
  "5xx" | "graphql502" | "graphqlTimeout" | "secondaryLimit" | "rateLimitExhausted" | "expireTokens";

/** What a fault's matcher sees of a request. `path` is after `/api/v3` (GraphQL: `/graphql`). */
export interface FaultRequest {
  api: "rest" | "graphql";
  method: string;
  path: string;
  /** The route pattern, e.g. `/repos/:owner/:repo/pulls/:number/commits` (GraphQL: `/graphql`). */
  route: string;
  body: string;
}

export type FaultMatch =
  | ((request: FaultRequest) => boolean)
  | { api?: "rest" | "graphql"; method?: string; route?: string; path?: string | RegExp };

export interface FaultSpec {
  kind: FaultKind;
  /** Which requests; default: GraphQL for the GraphQL kinds, every request otherwise. */
  match?: FaultMatch;
  /** How many matching requests fail. Default 1; `Infinity` until cleared. */
  times?: number;
  /** `5xx`: 500 (default) or 503. `graphqlTimeout`: 200 (default) or 502. */
  status?: number;
  /** `secondaryLimit`: the `retry-after` seconds. Default 1. */
  retryAfter?: number;
  /** `graphqlTimeout`: how long the request hangs before its error. Default 0. */
  delayMs?: number;
  /** `rateLimitExhausted`: move the reset this far ahead (default: keep the current window). */
  resetInMs?: number;
}

export interface FaultHandle {
  /** Requests this fault has failed so far. */
  hits(): number;
  clear(): void;
}

interface Armed {
  spec: FaultSpec;
  left: number;
  hits: number;
}

function matches(spec: FaultSpec, request: FaultRequest): boolean {
  const match = spec.match ?? (spec.kind.startsWith("graphql") ? { api: "graphql" as const } : {});
  if (typeof match === "function") return match(request);
  if (match.api && match.api !== request.api) return false;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (match.route && match.route !== request.route) return false;
  if (typeof match.path === "string") return request.path.startsWith(match.path);
  return match.path ? match.path.test(request.path) : true;
}

export class Faults {
  private armed: Armed[] = [];

  inject(spec: FaultSpec): FaultHandle {
    const armed: Armed = { spec, left: spec.times ?? 1, hits: 0 };
    this.armed.push(armed);
    return {
      hits: () => armed.hits,
      clear: () => {
        this.armed = this.armed.filter((other) => other !== armed);
      },
    };
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault that matches this request, used up by one. */
  take(request: FaultRequest): FaultSpec | undefined {
    const armed = this.armed.find((candidate) => candidate.left > 0 && matches(candidate.spec, request));
    if (!armed) return undefined;
    armed.left -= 1;
    armed.hits += 1;
    if (armed.left <= 0) this.armed = this.armed.filter((other) => other !== armed);
    return armed.spec;
  }
}
