import { setTimeout as sleep } from "node:timers/promises";
import type { Accounting } from "./accounting.js";
import type { Credential } from "./auth.js";
import type { FaultSpec, Faults } from "./faults.js";
import { handleGraphql } from "./graphql/handler.js";
import type { Bucket } from "./rate-limit.js";
import {
  badCredentials,
  gatewayTimeout,
  graphqlRateLimited,
  jwtRequired,
  notFound,
  rateLimited,
  secondaryLimited,
  serverError,
  somethingWentWrong,
  type SimResponse,
} from "./responses.js";
import { appRoutes } from "./rest/app-routes.js";
import { pullRoutes } from "./rest/pull-routes.js";
import { repoRoutes } from "./rest/repo-routes.js";
import { matchRoute, type AuthKind, type SimState } from "./rest/router.js";
import { pullPage } from "./web/pull-page.js";

const ROUTES = [...appRoutes, ...repoRoutes, ...pullRoutes];

export interface Simulation {
  state: SimState;
  accounting: Accounting;
  faults: Faults;
}

export interface IncomingRequest {
  method: string;
  /** The URL as the client addressed it. */
  url: URL;
  authorization: string | undefined;
  accept: string;
  body: string;
}

/** A fault that answers by itself; `rateLimitExhausted` and `expireTokens` change state and let the request go on. */
async function faultResponse(fault: FaultSpec, sim: Simulation): Promise<SimResponse | undefined> {
  switch (fault.kind) {
    case "5xx":
      return serverError(fault.status ?? 500);
    case "graphql502":
      return gatewayTimeout();
    case "graphqlTimeout":
      await sleep(fault.delayMs ?? 0);
      return somethingWentWrong(fault.status ?? 200);
    case "secondaryLimit":
      return secondaryLimited(fault.retryAfter ?? 1);
    case "expireTokens":
      sim.state.tokens.expireAll();
      return undefined;
    case "rateLimitExhausted":
      return undefined;
  }
}

function authFailure(required: AuthKind, credential: Credential): SimResponse | undefined {
  if (credential.kind === "missing" || credential.kind === "invalid") {
    return required === "app" ? jwtRequired() : badCredentials();
  }
  if (required === "app" && credential.kind !== "app") return jwtRequired();
  if (required === "installation" && credential.kind !== "installation") return badCredentials();
  return undefined;
}

interface Target {
  api: "rest" | "graphql";
  path: string;
  /** The route pattern, or undefined when no REST route matches. */
  route: string | undefined;
  auth: AuthKind;
  run: (credential: Credential, bucket: Bucket, who: string) => Promise<SimResponse> | SimResponse;
}

/** Which handler a request goes to, or undefined when it is not addressed to the API at all. */
function target(sim: Simulation, request: IncomingRequest): Target | undefined {
  const { method, url } = request;
  if (url.pathname === "/api/graphql" && method === "POST") {
    const deps = {
      scope: { org: sim.state.org, urls: sim.state.urls },
      limiter: sim.state.limiter,
      accounting: sim.accounting,
    };
    return {
      api: "graphql",
      path: "/graphql",
      route: "/graphql",
      auth: "installation",
      run: (_credential, bucket, who) =>
        bucket.used >= bucket.limit
          ? graphqlRateLimited(who)
          : handleGraphql(deps, request.body, bucket, who),
    };
  }
  if (!url.pathname.startsWith("/api/v3/")) return undefined;
  const path = url.pathname.slice("/api/v3".length);
  const match = matchRoute(ROUTES, method, path);
  // GitHub does not charge for asking how much is left.
  const free = match?.route.pattern === "/rate_limit";
  return {
    api: "rest",
    path,
    route: match?.route.pattern,
    auth: match?.route.auth ?? "installation",
    run: (credential, bucket, who) => {
      if (!match) return notFound();
      if (!free && !sim.state.limiter.spend(bucket, 1)) return rateLimited(who);
      const { params } = match;
      return match.route.handle({
        sim: sim.state,
        credential,
        params,
        query: url.searchParams,
        url,
        accept: request.accept,
      });
    },
  };
}

/**
 * One request through GitHub's layers: counting, injected faults, authentication, the primary rate
 * limit (with its headers on every authenticated answer), then the REST route or the GraphQL executor.
 */
export async function dispatch(sim: Simulation, request: IncomingRequest): Promise<SimResponse> {
  const to = target(sim, request);
  if (!to) return pullPage(sim.state.org, request.method, request.url.pathname) ?? notFound();
  const route = to.route ?? "(no such route)";
  sim.accounting.request(to.api, `${request.method} ${route}`);

  const fault = sim.faults.take({
    api: to.api,
    method: request.method,
    path: to.path,
    route,
    body: request.body,
  });
  const early = fault && (await faultResponse(fault, sim));
  if (early) return early;
  if (to.route === undefined) return notFound();

  const credential = sim.state.tokens.identify(request.authorization);
  const denied = authFailure(to.auth, credential);
  if (denied) return denied;
  const installation = credential.kind === "installation" ? credential.installationId : null;
  const resource = to.api === "graphql" ? "graphql" : "core";
  const bucket = sim.state.limiter.bucket(
    installation === null ? "app" : `installation:${installation}`,
    resource,
  );
  if (fault?.kind === "rateLimitExhausted") sim.state.limiter.exhaust(bucket, fault.resetInMs);
  const who = installation === null ? "the app" : `installation ID ${installation}`;
  const response = await to.run(credential, bucket, who);
  return { ...response, headers: { ...sim.state.limiter.headers(bucket, resource), ...response.headers } };
}
