import { GraphQLError, parse, validate, type DocumentNode } from "graphql";
import { githubSchema } from "./schema.js";

type Checked =
  { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

const cache = new Map<string, Checked>();
const CAPACITY = 100;

/**
 * A query parsed and validated against GitHub's schema. A sync sends the same few documents on every
 * page, so the result is remembered per query text (validation is most of a small query's cost).
 */
export function checkedDocument(query: string): Checked {
  const hit = cache.get(query);
  if (hit) return hit;
  let checked: Checked;
  try {
    const document = parse(query);
    const errors = validate(githubSchema(), document);
    checked = errors.length > 0 ? { errors } : { document };
  } catch (error) {
    checked = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  cache.set(query, checked);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value ?? query);
  return checked;
}
