import type { ServerResponse } from "node:http";
import type { z } from "zod";

/** Responses of the query API: JSON (or CSV) with CONTRACT.md's error shape. */

export type ErrorCode =
  "unauthorized" | "invalid_parameters" | "not_found" | "method_not_allowed" | "rate_limited" | "internal";

const COMMON_HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { ...COMMON_HEADERS, "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export function sendCsv(res: ServerResponse, body: string, headers: Record<string, string> = {}) {
  res.writeHead(200, { ...COMMON_HEADERS, "content-type": "text/csv; charset=utf-8", ...headers });
  res.end(body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extra: { issues?: readonly z.core.$ZodIssue[]; headers?: Record<string, string> } = {},
) {
  const error = { code, message, ...(extra.issues ? { issues: extra.issues } : {}) };
  sendJson(res, status, { error }, extra.headers);
}
