import { existsSync } from "node:fs";
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

/** Every variable of CONTRACT.md, parsed once at start. Unset and empty mean the same: the default. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const envSchema = z
  .object({
    APP_ID: optional(integer(1, Number.MAX_SAFE_INTEGER)),
    PRIVATE_KEY: optional(
      z
        .string()
        .refine(
          (key) => key.includes("PRIVATE KEY"),
          "must be a PEM private key (-----BEGIN ... PRIVATE KEY-----)",
        ),
    ),
    PRIVATE_KEY_PATH: optional(z.string().refine((file) => existsSync(file), "file does not exist")),
    WEBHOOK_SECRET: optional(z.string()),
    MONGODB_URI: optional(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/\S+$/, "must be a mongodb:// or mongodb+srv:// connection string"),
    ),
    PORT: optional(integer(1, 65535)).default(3000),
    GHE_HOST: optional(
      z
        .string()
        .regex(
          /^[A-Za-z0-9.-]+(:\d{1,5})?$/,
          "must be a host name, optionally with :port (no scheme, no path)",
        ),
    ),
    GHE_PROTOCOL: optional(z.enum(["http", "https"], "must be http or https")).default("https"),
    BACKFILL_DAYS: optional(integer(1, 3650)).default(90),
    INBOX_RETENTION_DAYS: optional(integer(1, 3650)).default(7),
    SYNC_SCHEDULE: optional(
      z.string().refine((expression) => {
        try {
          CronExpressionParser.parse(expression, { tz: "UTC" });
          return true;
        } catch {
          return false;
        }
      }, "must be a cron expression such as '0 4 * * *'"),
    ).default("0 4 * * *"),
    // How long an open PR's completion waits after the first change, so a burst of pushes costs one fetch.
    OPEN_PR_DEBOUNCE_SECONDS: optional(integer(0, 3600)).default(30),
    LOG_LEVEL: optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal"])).default("info"),
    LOG_FORMAT: optional(z.enum(["json", "pretty"])),
    SENTRY_DSN: optional(z.url("must be a URL such as https://key@o0.ingest.sentry.io/1")),
    // Requests per API token per minute (per process); 0 turns the limit off.
    API_RATE_LIMIT_PER_MINUTE: optional(integer(0, 1_000_000)).default(300),
  })
  .refine((env) => !(env.PRIVATE_KEY && env.PRIVATE_KEY_PATH), {
    message: "set PRIVATE_KEY or PRIVATE_KEY_PATH, not both",
    path: ["PRIVATE_KEY_PATH"],
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** One line naming each bad variable and what is wrong with it; never echoes a value (it may be a secret). */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`mergelens: invalid environment: ${problems.join("; ")}`);
}

/** REST and GraphQL base URLs (Probot's GHE_HOST/GHE_PROTOCOL convention). */
export function githubBaseUrls(env: Pick<Env, "GHE_HOST" | "GHE_PROTOCOL">): {
  rest: string;
  graphql: string;
} {
  if (!env.GHE_HOST) return { rest: "https://api.github.com", graphql: "https://api.github.com/graphql" };
  const root = `${env.GHE_PROTOCOL}://${env.GHE_HOST}`;
  return { rest: `${root}/api/v3`, graphql: `${root}/api/graphql` };
}

/** Where people browse: PR links in the dashboard. */
export function githubWebUrl(env: Pick<Env, "GHE_HOST" | "GHE_PROTOCOL">): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL}://${env.GHE_HOST}` : "https://github.com";
}
