import type { Writable } from "node:stream";
import { getTransformStream } from "@probot/pino";
import { pino, type Logger, type redactOptions } from "pino";
import type { Env } from "../config/env.js";

/**
 * What never belongs in a log: credentials (API tokens, cookies, webhook signatures, keys) and payloads
 * (private titles, bodies, commit messages). Ids stay. Paths cover pino-http's `req`/`res` (Probot's
 * request logger is a child of ours, so it inherits this), Probot's failed-delivery errors (`err.event`),
 * Octokit's request errors (`err.request`, `err.response`) and our own structured fields.
 */
export const LOG_REDACTION: redactOptions = {
  paths: [
    "req.headers.authorization",
    'req.headers["proxy-authorization"]',
    "req.headers.cookie",
    'req.headers["x-hub-signature"]',
    'req.headers["x-hub-signature-256"]',
    'res.headers["set-cookie"]',
    "headers.authorization",
    "headers.cookie",
    "err.headers.authorization",
    "err.request.headers.authorization",
    "err.request.body",
    "err.response.data",
    "err.event.payload",
    "err.payload",
    "event.payload",
    "payload",
    "body",
    "token",
    "privateKey",
    "secret",
    "*.token",
    "*.privateKey",
    "*.secret",
    "*.payload",
    "*.body",
  ],
  censor: "[redacted]",
};

/**
 * Probot's own log format, without handing it SENTRY_DSN: given a DSN, Probot downloads an older
 * @sentry/node through npx at run time, which fails behind firewalls. We report to Sentry ourselves.
 */
export async function createLogger(
  env: Pick<Env, "LOG_LEVEL" | "LOG_FORMAT">,
  destination: Writable = process.stdout,
): Promise<Logger> {
  const logFormat = env.LOG_FORMAT ?? (process.env.NODE_ENV === "production" ? "json" : "pretty");
  const transform = await getTransformStream({ logFormat });
  transform.pipe(destination);
  return pino({ level: env.LOG_LEVEL, name: "mergelens", redact: LOG_REDACTION }, transform);
}
