import type { Credential, TokenStore } from "../auth.js";
import type { SimulatedOrg } from "../generate-org.js";
import type { HookDeliveries } from "../hook-deliveries.js";
import type { RateLimiter } from "../rate-limit.js";
import type { SimResponse } from "../responses.js";
import type { Urls } from "./serialize-common.js";

/** The simulator's state that handlers read and change. */
export interface SimState {
  appId: number;
  org: SimulatedOrg;
  tokens: TokenStore;
  deliveries: HookDeliveries;
  limiter: RateLimiter;
  urls: Urls;
}

export interface RestContext {
  sim: SimState;
  credential: Credential;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The URL as the client addressed it, for `Link` headers. */
  url: URL;
  accept: string;
}

/** `app`: a JWT; `installation`: an installation token; `any`: either. */
export type AuthKind = "app" | "installation" | "any";

export interface Route {
  method: string;
  pattern: string;
  auth: AuthKind;
  handle: (ctx: RestContext) => SimResponse;
}

export function route(method: string, pattern: string, auth: AuthKind, handle: Route["handle"]): Route {
  return { method, pattern, auth, handle };
}

/** Matches `/repos/:owner/:repo`-style patterns; a final `*name` takes the rest of the path. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const pattern = candidate.pattern.split("/").filter(Boolean);
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const segment = pattern[i];
      if (segment.startsWith("*")) {
        params[segment.slice(1)] = parts.slice(i).map(decodeURIComponent).join("/");
        ok = parts.length > i;
        break;
      }
      if (i >= parts.length) ok = false;
      else if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(parts[i]);
      else ok = segment === parts[i];
    }
    const wildcard = pattern.at(-1)?.startsWith("*") ?? false;
    if (ok && (wildcard || pattern.length === parts.length)) return { route: candidate, params };
  }
  return undefined;
}
