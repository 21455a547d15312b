import { z } from "zod";

/**
 * The three outcomes a job must tell apart when GitHub says no (issue 3, "GitHub access"). Octokit's own
 * errors are matched by shape, not class: `@octokit/request-error` and `@octokit/graphql` are Probot's
 * dependencies, not ours, and the throttling plugin throws a plain `Error` for GraphQL's RATE_LIMITED.
 */

/** The installation or repository is gone (uninstalled, suspended, deleted, renamed away): end that work. */
export class GoneError extends Error {
  override name = "GoneError";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Stop now, checkpoint, and run again at `resetAt`: a worker never sleeps for an hour. */
export class RateLimitReservedError extends Error {
  override name = "RateLimitReservedError";
  constructor(
    message: string,
    readonly resetAt: Date,
    /** `reserve`: our own floor was reached; `primary`/`secondary`: GitHub refused the request. */
    readonly reason: "reserve" | "primary" | "secondary",
  ) {
    super(message);
  }
}

/** Worth retrying later. `shrinkable` errors (502, 504, timeouts) may pass with a smaller GraphQL page. */
export class TransientError extends Error {
  override name = "TransientError";
  constructor(
    message: string,
    readonly status: number | null,
    readonly shrinkable: boolean,
  ) {
    super(message);
  }
}

const headersSchema = z.record(z.string(), z.union([z.string(), z.number()]).optional());
const graphqlErrorsSchema = z.array(z.object({ type: z.string().optional(), message: z.string() }));
/** Each part is optional and forgiving: one odd field must not hide the status or the headers. */
const octokitErrorSchema = z.object({
  name: z.string().catch(""),
  message: z.string().catch(""),
  status: z.number().optional().catch(undefined),
  cause: z.object({ name: z.string() }).optional().catch(undefined),
  request: z.object({ url: z.string().optional() }).optional().catch(undefined),
  /** @octokit/graphql's GraphqlResponseError: HTTP 200 with `errors`. */
  headers: headersSchema.optional().catch(undefined),
  errors: graphqlErrorsSchema.optional().catch(undefined),
  response: z
    .object({ headers: headersSchema.optional().catch(undefined), data: z.unknown() })
    .optional()
    .catch(undefined),
});
const bodySchema = z.object({ errors: graphqlErrorsSchema });

/** GitHub's message when a GraphQL query ran out of its 10 s (HTTP 200, or a 500 after plugin-retry). */
const GRAPHQL_TIMEOUT = /something went wrong while executing your query/i;
const ACCESS_TOKENS = /\/app\/installations\/\d+\/access_tokens$/;

const resetFromHeaders = (headers: z.infer<typeof headersSchema> | undefined): Date => {
  const reset = Number(headers?.["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(Date.now() + 60 * 60 * 1000);
};

/** Maps any error from an Octokit call to GoneError, RateLimitReservedError or TransientError, else returns it. */
export function classifyError(error: unknown): unknown {
  if (
    error instanceof GoneError ||
    error instanceof RateLimitReservedError ||
    error instanceof TransientError
  ) {
    return error;
  }
  const parsed = octokitErrorSchema.safeParse(error);
  if (!parsed.success) return error;
  const { status, message, request, cause } = parsed.data;
  const headers = parsed.data.response?.headers ?? parsed.data.headers;
  const bodyErrors =
    parsed.data.errors ?? bodySchema.safeParse(parsed.data.response?.data).data?.errors ?? [];
  const where = request?.url ? ` (${request.url})` : "";

  if (
    bodyErrors.some((e) => e.type === "RATE_LIMITED") ||
    ((status === 403 || status === 429) && headers?.["x-ratelimit-remaining"] === "0")
  ) {
    const resetAt = resetFromHeaders(headers);
    return new RateLimitReservedError(
      `GitHub rate limit exhausted until ${resetAt.toISOString()}${where}`,
      resetAt,
      "primary",
    );
  }
  if (
    (status === 403 || status === 429) &&
    (/secondary rate limit/i.test(message) || headers?.["retry-after"] !== undefined)
  ) {
    const seconds = Number(headers?.["retry-after"]) || 60;
    return new RateLimitReservedError(
      `GitHub secondary rate limit${where}`,
      new Date(Date.now() + seconds * 1000),
      "secondary",
    );
  }
  // On the token endpoint, 404 is an uninstalled app and 403 a suspended one; a 401 there is a bad app key
  // (configuration, not a gone installation) and stays as it is.
  const tokenRequest = ACCESS_TOKENS.test(request?.url ?? "");
  if (
    (status === 401 && !tokenRequest) ||
    status === 404 ||
    status === 410 ||
    (status === 403 && tokenRequest)
  ) {
    return new GoneError(`GitHub answered ${status}: ${message}${where}`, status);
  }
  if (bodyErrors.some((e) => e.type === "NOT_FOUND")) {
    return new GoneError(`GitHub GraphQL: ${bodyErrors.map((e) => e.message).join("; ")}`, null);
  }
  const timedOut =
    cause?.name === "TimeoutError" ||
    parsed.data.name === "AbortError" ||
    parsed.data.name === "TimeoutError";
  const graphqlTimeout =
    GRAPHQL_TIMEOUT.test(message) || bodyErrors.some((e) => GRAPHQL_TIMEOUT.test(e.message));
  if (timedOut || graphqlTimeout || (status !== undefined && status >= 500)) {
    const shrinkable = timedOut || graphqlTimeout || status === 502 || status === 504;
    return new TransientError(
      `GitHub ${status ?? "request"} failed: ${message}${where}`,
      status ?? null,
      shrinkable,
    );
  }
  return error;
}
