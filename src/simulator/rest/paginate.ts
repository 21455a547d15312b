import { json, type SimResponse } from "../responses.js";
import type { RestContext } from "./router.js";

/** The page of `items` that `page`/`per_page` ask for (30 by default, at most 100), with its Link header. */
function page<T>(
  ctx: RestContext,
  items: readonly T[],
): { slice: readonly T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page")) || 30));
  const current = Math.max(1, Math.floor(Number(ctx.query.get("page")) || 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const url = new URL(ctx.url);
    url.searchParams.set("page", String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (current > 1) links.push(link(current - 1, "prev"));
  if (current < last) links.push(link(current + 1, "next"), link(last, "last"));
  if (current > 1) links.push(link(1, "first"));
  return {
    slice: items.slice((current - 1) * perPage, current * perPage),
    headers: links.length > 0 ? { link: links.join(", ") } : {},
  };
}

export function paginate<T>(
  ctx: RestContext,
  items: readonly T[],
  serialize: (item: T) => unknown,
): SimResponse {
  const { slice, headers } = page(ctx, items);
  return json(200, slice.map(serialize), headers);
}

/** For lists GitHub wraps in an object, e.g. `{ total_count, check_runs: [...] }`. */
export function paginateWrapped<T>(
  ctx: RestContext,
  items: readonly T[],
  key: string,
  serialize: (item: T) => unknown,
  extra: Record<string, unknown> = {},
): SimResponse {
  const { slice, headers } = page(ctx, items);
  return json(200, { total_count: items.length, [key]: slice.map(serialize), ...extra }, headers);
}
