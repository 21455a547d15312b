/**
 * Bounds on the text we store from GitHub. Anyone who can open a PR or push a commit writes these
 * strings, and GitHub itself does not bound every one (a commit message has no limit); a 5 MB title
 * would otherwise be stored, indexed, served and exported whole. A cut is recorded as data (the field's
 * name in the record's `truncated` list) and turned into words only where it is shown.
 */
export const TEXT_LIMITS = {
  /** GitHub allows 256 characters. */
  title: 1_024,
  /** GitHub allows 65,536 characters. */
  body: 65_536,
  headRef: 1_024,
  baseRef: 1_024,
  /** Room for a long message with its trailers (git itself sets no limit). */
  message: 65_536,
} as const;

export type TruncatedField = keyof typeof TEXT_LIMITS;

/** The first `limit` characters, not splitting a surrogate pair; null when `value` fits. */
export function cutText(value: string, limit: number): string | null {
  if (value.length <= limit) return null;
  const last = value.charCodeAt(limit - 1);
  // A high surrogate at the end would be half a character.
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}

/** `record` with each of `fields` cut to its limit, and the names of those cut in `truncated`. */
export function boundFields<T extends Partial<Record<TruncatedField, string>>>(
  record: T,
  fields: readonly (keyof T & TruncatedField)[],
): T & { truncated: TruncatedField[] } {
  const bounded: T = { ...record };
  const truncated: TruncatedField[] = [];
  for (const field of fields) {
    const value = record[field];
    if (typeof value !== "string") continue;
    const cut = cutText(value, TEXT_LIMITS[field]);
    if (cut === null) continue;
    (bounded as Record<TruncatedField, string>)[field] = cut;
    truncated.push(field);
  }
  return { ...bounded, truncated };
}
