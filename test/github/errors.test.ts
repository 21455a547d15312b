import { classifyError, GoneError, RateLimitReservedError, TransientError } from "../../src/github/errors.js";

/** The shape of @octokit/request-error's RequestError, which Probot's Octokit throws. */
const requestError = (
  status: number,
  message: string,
  url = "https://api.github.com/repos/octocat/Hello-World/pulls/1",
  headers: Record<string, string> = {},
) =>
  Object.assign(new Error(message), {
    name: "HttpError",
    status,
    request: { method: "GET", url, headers: {} },
    response: { url, status, headers, data: { message } },
  });

describe("classifyError", () => {
  test.each([
    [401, "Bad credentials"],
    [404, "Not Found"],
    [410, "Gone"],
  ])("%i is GoneError", (status, message) => {
    expect(classifyError(requestError(status, message))).toBeInstanceOf(GoneError);
  });

  test("403 on the token endpoint (a suspended installation) is GoneError", () => {
    const error = requestError(
      403,
      "This installation has been suspended",
      "https://api.github.com/app/installations/1/access_tokens",
    );
    expect(classifyError(error)).toBeInstanceOf(GoneError);
  });

  test("401 on the token endpoint is a bad app key, not a gone installation: left as it is", () => {
    const error = requestError(
      401,
      "A JSON web token could not be decoded",
      "https://api.github.com/app/installations/1/access_tokens",
    );
    expect(classifyError(error)).toBe(error);
  });

  test("403 for a missing permission is left as it is", () => {
    const error = requestError(403, "Resource not accessible by integration");
    expect(classifyError(error)).toBe(error);
  });

  test.each([
    [500, false],
    [502, true],
    [503, false],
    [504, true],
  ])("%i is TransientError (shrinkable: %s)", (status, shrinkable) => {
    expect(classifyError(requestError(status, "Server Error"))).toMatchObject({
      name: "TransientError",
      status,
      shrinkable,
    });
  });

  test("a fetch that timed out is a shrinkable TransientError", () => {
    // @octokit/request wraps fetch's failure in a 500 RequestError with the cause.
    const error = Object.assign(new Error("The operation was aborted due to timeout"), {
      name: "HttpError",
      status: 500,
      cause: new DOMException("The operation was aborted due to timeout", "TimeoutError"),
    });
    expect(classifyError(error)).toMatchObject({ name: "TransientError", shrinkable: true });
  });

  test("a primary limit takes its reset time from x-ratelimit-reset; an unknown one waits an hour", () => {
    const primary = classifyError(
      requestError(429, "API rate limit exceeded", undefined, {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "1900000000",
      }),
    );
    expect(primary).toMatchObject({ reason: "primary", resetAt: new Date(1_900_000_000_000) });
    const unknownReset = classifyError(
      requestError(403, "API rate limit exceeded", undefined, { "x-ratelimit-remaining": "0" }),
    );
    expect((unknownReset as RateLimitReservedError).resetAt.getTime()).toBeGreaterThan(
      Date.now() + 59 * 60_000,
    );
  });

  test("our own errors and foreign ones pass through unchanged", () => {
    const ours = new TransientError("x", 502, true);
    const foreign = new TypeError("undefined is not a function");
    expect(classifyError(ours)).toBe(ours);
    expect(classifyError(foreign)).toBe(foreign);
    expect(classifyError("a string")).toBe("a string");
  });
});
