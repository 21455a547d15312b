import { BSON } from "mongodb";

/** A value as the database stores it: undefined fields are not stored, so they are left out here too. */
const stored = (value: unknown): Buffer => Buffer.from(BSON.serialize({ value }, { ignoreUndefined: true }));

/**
 * Whether `$set`ting `fields` over `current` (a document as read back) would store the same bytes. It
 * compares BSON, what the server keeps, so dates, nulls, NaN and nested objects are told apart exactly;
 * a field in another key order counts as changed, which costs a write but never skips a needed one.
 */
export function unchangedFields(current: object, fields: Record<string, unknown>): boolean {
  const have = current as Record<string, unknown>;
  return Object.entries(fields).every(([key, value]) => stored(have[key]).equals(stored(value)));
}

/** Whether `$addToSet`ting `each` to `current[field]` would add nothing. */
export function alreadyInSet(current: object, field: string, each: readonly unknown[]): boolean {
  const have = (current as Record<string, unknown>)[field];
  if (!Array.isArray(have)) return each.length === 0;
  const held = new Set(have.map((value) => stored(value).toString("hex")));
  return each.every((value) => held.has(stored(value).toString("hex")));
}
