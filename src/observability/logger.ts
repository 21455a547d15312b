import { getTransformStream } from "@probot/pino";
import { pino, type Logger } from "pino";
import type { Env } from "../config/env.js";

/**
 * Probot's own log format, without handing it SENTRY_DSN: given a DSN, Probot downloads an older
 * @sentry/node through npx at run time, which fails behind firewalls. We report to Sentry ourselves.
 */
export async function createLogger(env: Pick<Env, "LOG_LEVEL" | "LOG_FORMAT">): Promise<Logger> {
  const logFormat = env.LOG_FORMAT ?? (process.env.NODE_ENV === "production" ? "json" : "pretty");
  const transform = await getTransformStream({ logFormat });
  transform.pipe(process.stdout);
  return pino({ level: env.LOG_LEVEL, name: "mergelens" }, transform);
}
