import { z } from "zod";
import { decodeCursor } from "./cursor.js";

/**
 * The query parameters of every read, parsed from plain strings: the HTTP API hands over the query
 * string, the CLI its option values, so both surfaces accept and reject exactly the same input. Objects
 * are strict, so an unknown parameter is an error rather than silently ignored.
 */

/** zod's readable report on one line, e.g. `✖ must be owner/name → at repo`: the API's and CLI's message. */
export const describeIssues = (error: z.ZodError): string => z.prettifyError(error).replace(/\s*\n\s*/g, " ");

const DAY_MS = 86_400_000;
/** Range used by metrics and DORA when `since` is not given: the 30 days before `until`. */
const DEFAULT_RANGE_DAYS = 30;
/** Longest metrics or DORA range: bounds the work (and the weekly groups) one request can ask for. */
const MAX_RANGE_DAYS = 3660;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset; local times are ambiguous. */
const isoDate = z.string().transform((value, ctx) => {
  const valid =
    z.iso.date().safeParse(value).success || z.iso.datetime({ offset: true }).safeParse(value).success;
  if (!valid) {
    ctx.addIssue({
      code: "custom",
      message: "must be an ISO 8601 date (2024-05-01) or date-time with zone (2024-05-01T12:00:00Z)",
    });
    return z.NEVER;
  }
  return new Date(value);
});

const repoName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name");

const login = z
  .string()
  .max(100)
  .regex(/^[\w.-]+(\[bot\])?$/, "must be a GitHub login");

const prState = z.enum(["open", "closed", "merged"]);
const groupBy = z.enum(["week", "repo", "author", "reviewer"]);
const format = z.enum(["json", "csv"]).default("json");

const limit = z
  .string()
  .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
  .transform(Number)
  .pipe(z.number().min(1, "must be at least 1").max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
  .default(DEFAULT_LIMIT);

const cursor = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const position = decodeCursor(value);
    if (!position) {
      ctx.addIssue({ code: "custom", message: "is not a cursor returned by this API" });
      return z.NEVER;
    }
    return position;
  });

interface OptionalRange {
  since?: Date;
  until?: Date;
}

function checkOrder(range: OptionalRange, ctx: z.RefinementCtx): void {
  if (range.since && range.until && range.since.getTime() >= range.until.getTime()) {
    ctx.addIssue({ code: "custom", path: ["since"], message: "must be before until" });
  }
}

/** Fills the default range (until = now, since = until − 30 days); rejects a reversed or overlong one. */
function withDefaultRange(now: () => Date) {
  return <T extends OptionalRange>(params: T, ctx: z.RefinementCtx) => {
    const until = params.until ?? now();
    const since = params.since ?? new Date(until.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    checkOrder({ since, until }, ctx);
    if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["since"],
        message: `the range may span at most ${MAX_RANGE_DAYS} days`,
      });
    }
    return { ...params, since, until };
  };
}

/** `GET /api/v1/pulls`: since/until bound `createdAt` (when the PR was opened), half-open [since, until). */
export const pullsParams = z
  .strictObject({
    repo: repoName.optional(),
    state: prState.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    author: login.optional(),
    limit,
    cursor: cursor.optional(),
    format,
  })
  .superRefine(checkOrder);

/** Most PRs the "waiting longest" list shows, and its default (the dashboard's table). */
const MAX_WAITING = 100;
const DEFAULT_WAITING = 15;

/** `GET /api/v1/pulls/waiting`: the open PRs waiting longest, and how many are open. */
export const waitingPullsParams = z.strictObject({
  repo: repoName.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_WAITING}`)
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1").max(MAX_WAITING, `must be at most ${MAX_WAITING}`))
    .default(DEFAULT_WAITING),
  format,
});

/** `GET /api/v1/metrics`: since/until bound `mergedAt` (and `createdAt` for prsOpened), per METRICS.md. */
export const metricsParams = (now: () => Date) =>
  z
    .strictObject({
      repo: repoName.optional(),
      since: isoDate.optional(),
      until: isoDate.optional(),
      groupBy: groupBy.optional(),
      format,
    })
    .transform(withDefaultRange(now));

/** `GET /api/v1/dora`: the same range rules as metrics. */
export const doraParams = (now: () => Date) =>
  z
    .strictObject({ repo: repoName.optional(), since: isoDate.optional(), until: isoDate.optional() })
    .transform(withDefaultRange(now));

export const syncParams = z.strictObject({ format });

/** `GET /api/v1/pulls/:owner/:repo/:number` takes no query parameters; the path parts are checked here. */
export const pullPathParams = z.strictObject({
  repo: repoName,
  number: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "must be a pull request number")
    .transform(Number),
});

export const noParams = z.strictObject({});
