import type { Simulator } from "../../src/simulator/server.js";

/** Plain-fetch helpers for talking to the simulator the way GitHub clients do. */

/** Any JWT-shaped string: the simulator requires one on /app routes but does not check signatures. */
export const APP_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl";

export async function installationToken(sim: Simulator): Promise<string> {
  const response = await fetch(
    `${sim.url}/api/v3/app/installations/${sim.org.installationId}/access_tokens`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${APP_JWT}` },
    },
  );
  const body = (await response.json()) as { token: string };
  return body.token;
}

export async function rest(sim: Simulator, token: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${sim.url}/api/v3${path}`, {
    ...init,
    headers: { authorization: `token ${token}`, ...init.headers },
  });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.startsWith("application/json") ?? false;
  return {
    status: response.status,
    headers: response.headers,
    body: isJson ? (JSON.parse(text) as unknown) : text,
  };
}

export async function graphql(
  sim: Simulator,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(`${sim.url}/api/graphql`, {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}
