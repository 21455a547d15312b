import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { NotFoundError } from "../query/errors.js";
import { describeIssues } from "../query/params.js";
import type { Store } from "../storage/store.js";
import { dora, listPulls, metrics, showPull, sync, waitingPulls, type Endpoint } from "./endpoints.js";
import { sendCsv, sendError, sendJson } from "./http.js";
import { parseQueryString } from "./query-string.js";
import { createApiRateLimiter, DEFAULT_API_RATE_LIMIT_PER_MINUTE } from "./rate-limit.js";
import { authenticate } from "./tokens.js";

/**
 * The query API as a Probot 14 handler (`addHandler`): plain node:http, answering only its own routes
 * and returning false for every other path so the next handler (dashboard, Probot's 404) gets it.
 * Order per request: route, method, token, the token's rate limit, parameters, then the read; so a caller
 * without a valid token learns nothing from parameter errors, and bad parameters never reach the database.
 */
export interface ApiHandlerOptions {
  store: Store;
  now?: () => Date;
  /** Requests per token per minute before 429 (0: no limit). */
  rateLimitPerMinute?: number;
  log?: { error: (details: object, message: string) => void };
}

const ROUTES: { pattern: RegExp; endpoint: Endpoint }[] = [
  { pattern: /^\/api\/v1\/pulls$/, endpoint: listPulls },
  { pattern: /^\/api\/v1\/pulls\/waiting$/, endpoint: waitingPulls },
  { pattern: /^\/api\/v1\/pulls\/([^/]+)\/([^/]+)\/([^/]+)$/, endpoint: showPull },
  { pattern: /^\/api\/v1\/metrics$/, endpoint: metrics },
  { pattern: /^\/api\/v1\/dora$/, endpoint: dora },
  { pattern: /^\/api\/v1\/sync$/, endpoint: sync },
];

function bearerOf(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function match(pathname: string): { endpoint: Endpoint; captures: string[] } | null {
  for (const route of ROUTES) {
    const found = route.pattern.exec(pathname);
    if (found) return { endpoint: route.endpoint, captures: found.slice(1) };
  }
  return null;
}

export function createApiHandler(options: ApiHandlerOptions) {
  const now = options.now ?? (() => new Date());
  const limiter = createApiRateLimiter(options.rateLimitPerMinute ?? DEFAULT_API_RATE_LIMIT_PER_MINUTE);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = match(url.pathname);
    if (!route) return false;
    if (req.method !== "GET") {
      sendError(res, 405, "method_not_allowed", `${req.method} is not allowed here; use GET`, {
        headers: { allow: "GET" },
      });
      return true;
    }
    try {
      const token = bearerOf(req);
      const installationId = await authenticate(options.store, token, now());
      if (installationId === null || token === undefined) {
        sendError(res, 401, "unauthorized", "a valid token is required: Authorization: Bearer <token>", {
          headers: { "www-authenticate": "Bearer" },
        });
        return true;
      }
      const waitSeconds = await limiter.take(token);
      if (waitSeconds !== null) {
        sendError(res, 429, "rate_limited", `too many requests for this token; retry in ${waitSeconds} s`, {
          headers: { "retry-after": String(waitSeconds) },
        });
        return true;
      }
      const reply = await route.endpoint({
        store: options.store,
        installationId,
        query: parseQueryString(url.search),
        path: route.captures.map(decodePathPart),
        now,
      });
      if (reply.kind === "json") sendJson(res, 200, reply.body);
      else sendCsv(res, reply.body, reply.headers);
    } catch (error) {
      sendFailure(res, error, options.log);
    }
    return true;
  };
}

/** A malformed escape (`%zz`) in a path part is a parameter error like any other. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new z.ZodError([{ code: "custom", path: ["path"], message: "is not valid percent-encoding" }]);
  }
}

function sendFailure(res: ServerResponse, error: unknown, log: ApiHandlerOptions["log"]): void {
  if (error instanceof z.ZodError) {
    sendError(res, 400, "invalid_parameters", describeIssues(error), { issues: error.issues });
  } else if (error instanceof NotFoundError) {
    sendError(res, 404, "not_found", error.message);
  } else {
    log?.error({ err: error }, "query API request failed");
    sendError(res, 500, "internal", "internal error");
  }
}
