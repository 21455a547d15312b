import nock from "nock";
import { API, fixture } from "./app.js";

export type Json = Record<string, unknown>;

export interface GraphqlBody {
  query: string;
  variables: Json;
}

/** Every GraphQL body a test sent, to assert on after the fact (a failing expect inside a matcher times out). */
export const sent: GraphqlBody[] = [];

export const rateLimit = (remaining = 4900, cost = 1) => ({
  cost,
  limit: 5000,
  remaining,
  resetAt: "2030-01-01T00:00:00Z",
});

/** GitHub's example pull request (fixtures/github/pull-request-node.json) with `changes` on top. */
export function pullRequestNode(changes: Json = {}): Json {
  return { ...fixture("pull-request-node.json"), ...changes };
}

export function connection(
  nodes: unknown[],
  endCursor: string,
  hasNextPage = false,
  totalCount?: number,
): Json {
  return { ...(totalCount === undefined ? {} : { totalCount }), pageInfo: { hasNextPage, endCursor }, nodes };
}

/** `count` copies of `template`, each with `key` set to a distinct value made by `id(i)`. */
export function many(
  template: Json,
  key: string,
  count: number,
  id: (i: number) => unknown,
  offset = 0,
): Json[] {
  return Array.from({ length: count }, (_, i) => ({ ...template, [key]: id(offset + i) }));
}

/** Replies to the next GraphQL request running `operation` with (at least) `variables`. */
export function mockQuery(
  operation: string,
  data: Json,
  variables: Json = {},
  headers: Json = {},
): nock.Scope {
  return nock(API)
    .post("/graphql", (body: GraphqlBody) => {
      const match =
        body.query.includes(`query ${operation}(`) &&
        Object.entries(variables).every(([name, value]) => body.variables[name] === value);
      if (match) sent.push(body);
      return match;
    })
    .reply(200, { data: { rateLimit: rateLimit(), ...data } }, headers as Record<string, string>);
}
