/* global fetch */
/**
 * The query API as the page uses it: every call carries the bearer token, and every failure becomes an
 * ApiError whose status tells a rejected token (401) from bad input (400) or a server fault.
 */

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** `baseUrl` is the API root (`…/api/v1/`), resolved from the page's own address so proxies' prefixes work. */
export function createApi(baseUrl, token) {
  async function get(path, params = {}) {
    const url = new URL(path, baseUrl);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
    }
    let response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      });
    } catch {
      throw new ApiError(0, "network", "The mergelens server could not be reached.");
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body?.error;
      throw new ApiError(response.status, error?.code ?? "http", error?.message ?? `HTTP ${response.status}`);
    }
    return body;
  }

  return { get };
}
