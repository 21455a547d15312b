import nock from "nock";
import { API } from "./app.js";
import { connection, rateLimit, sent, type GraphqlBody, type Json } from "./graphql.js";

/** One list as GitHub holds it: every item, and `totalCount` when its fragment asks for it. */
export interface FullList {
  items: Json[];
  counted?: boolean;
}

/** A page of `list` from `from`, cursors `<field>-<offset>` as the tests' first pages use them. */
export function listPage(field: string, list: FullList, from: number, size: number): Json {
  const end = from + size;
  const total = list.counted ? list.items.length : undefined;
  return connection(list.items.slice(from, end), `${field}-${end}`, end < list.items.length, total);
}

/** `p3: node(id: $id3) { ... on PullRequest { files(first: 100, after: $c3)`: alias, id, field, cursor. */
const ALIAS = /(p\d+): node\(id: \$(id\d+)\) \{ \.\.\. on \w+ \{ (\w+)\(first: 100, after: \$(c\d+)/g;

/** The lists a batch asked for, in alias order, as `[owner id, field, cursor]`. */
export function askedLists(body: GraphqlBody): [unknown, string, unknown][] {
  return [...body.query.matchAll(ALIAS)].map(([, , id = "", field = "", cursor = ""]) => [
    body.variables[id],
    field,
    body.variables[cursor],
  ]);
}

/**
 * Answers the next `times` PullRequestNestedPages batches from `lists`, keyed `<owner id>/<field>`, 100
 * items a page after each alias's cursor. An owner not in `owners` has vanished: its alias is null with
 * GitHub's NOT_FOUND error beside the other aliases' data.
 */
export function mockNestedPages(
  lists: Record<string, FullList>,
  times: number,
  owners: Set<string> = new Set(Object.keys(lists).map((key) => key.split("/")[0] ?? "")),
): nock.Scope {
  return nock(API)
    .post("/graphql", (body: GraphqlBody) => {
      const match = body.query.includes("query PullRequestNestedPages(");
      if (match) sent.push(body);
      return match;
    })
    .times(times)
    .reply(200, (_uri, body) => {
      const data: Json = { rateLimit: rateLimit() };
      const errors: Json[] = [];
      askedLists(body as GraphqlBody).forEach(([id, field, cursor], i) => {
        const list = lists[`${String(id)}/${field}`];
        if (!owners.has(String(id)) || !list) {
          data[`p${i}`] = null;
          errors.push({
            type: "NOT_FOUND",
            path: [`p${i}`],
            message: `Could not resolve to a node with the global id of '${String(id)}'`,
          });
          return;
        }
        const from = Number(String(cursor).slice(field.length + 1));
        data[`p${i}`] = { [field]: listPage(field, list, from, 100) };
      });
      return { data, ...(errors.length > 0 ? { errors } : {}) };
    });
}
