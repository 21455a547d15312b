/** A response before it is written: JSON `body`, or raw `text` with its own content type. */
export interface SimResponse {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const DOCS = "https://docs.github.com/rest";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, body, headers };
}

export function notFound(): SimResponse {
  return json(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
}

export function badCredentials(): SimResponse {
  return json(401, { message: "Bad credentials", documentation_url: DOCS, status: "401" });
}

export function jwtRequired(): SimResponse {
  return json(401, {
    message: "A JSON web token could not be decoded",
    documentation_url: DOCS,
    status: "401",
  });
}

export function rateLimited(who: string): SimResponse {
  return json(403, {
    message: `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID.`,
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    status: "403",
  });
}

/** GraphQL's primary limit answers 200 with a RATE_LIMITED error (Octokit's throttling looks for it). */
export function graphqlRateLimited(who: string): SimResponse {
  return json(200, {
    errors: [{ type: "RATE_LIMITED", message: `API rate limit already exceeded for ${who}.` }],
  });
}

export function secondaryLimited(retryAfter: number): SimResponse {
  return json(
    403,
    {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
      documentation_url:
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      status: "403",
    },
    { "retry-after": String(retryAfter) },
  );
}

export function serverError(status: number): SimResponse {
  return json(status, {
    message: status === 503 ? "Service Unavailable" : "Server Error",
    status: String(status),
  });
}

/** What GitHub's gateway sends when a GraphQL query runs past its 10 s. */
export function gatewayTimeout(): SimResponse {
  return {
    status: 502,
    text: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
    headers: { "content-type": "text/html" },
  };
}

export function somethingWentWrong(status: number): SimResponse {
  return json(status, {
    data: null,
    errors: [
      {
        message:
          "Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `5F3A:2B1C:1D2E3F:4A5B6C:65A1B2C3` when reporting this issue.",
      },
    ],
  });
}
