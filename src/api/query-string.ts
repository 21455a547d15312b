import { z } from "zod";

/**
 * The query string as flat `name → value` strings, for the endpoint's zod schema. Anything that could
 * smuggle structure into a filter is refused before any schema or database sees it: a repeated name
 * (`repo=a&repo=b`, which some parsers turn into an array) and a bracketed name (`repo[$ne]=x`, which
 * `qs`-style parsers turn into an operator object). The record has no prototype, so `__proto__` is an
 * own key like any other (an unknown one, answered 400) instead of a silent prototype assignment.
 */
export function parseQueryString(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const issues: z.core.$ZodIssue[] = [];
  for (const [name, value] of params) {
    if (/[[\]]/.test(name)) {
      issues.push({ code: "custom", path: [name], message: "brackets are not allowed in parameter names" });
    } else if (Object.hasOwn(values, name)) {
      issues.push({ code: "custom", path: [name], message: "must be given at most once" });
    } else {
      values[name] = value;
    }
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return values;
}
