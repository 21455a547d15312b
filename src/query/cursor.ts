import { z } from "zod";

/**
 * A page boundary in the PR list: the (createdAt, prId) of the last item served. The list is ordered by
 * that pair, descending, so the next page starts strictly after it whatever was inserted meanwhile.
 * Opaque to clients (base64url JSON), and checked on the way back in.
 */
export interface CursorPosition {
  createdAt: Date;
  prId: number;
  /**
   * The pace (ms of `createdAt` per PR) of the page that produced the cursor: the next page's first
   * window is sized from it (src/query/window-span.ts). Absent in cursors from before it was added.
   */
  paceMs?: number;
}

/** A month per PR: bounds what a forged cursor's first window can ask; sparser lists grow it by reads. */
export const MAX_PACE_MS = 30 * 86_400_000;

const wireSchema = z.strictObject({
  c: z.iso.datetime(),
  i: z.number().int().nonnegative(),
  p: z.number().int().nonnegative().max(MAX_PACE_MS).optional(),
});

export function encodeCursor(position: CursorPosition): string {
  const wire: z.infer<typeof wireSchema> = { c: position.createdAt.toISOString(), i: position.prId };
  if (position.paceMs !== undefined) wire.p = Math.min(MAX_PACE_MS, Math.round(position.paceMs));
  return Buffer.from(JSON.stringify(wire)).toString("base64url");
}

/** The position, or null for anything this API did not produce. */
export function decodeCursor(cursor: string): CursorPosition | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) return null;
  const { c, i, p } = parsed.data;
  return { createdAt: new Date(c), prId: i, ...(p === undefined ? {} : { paceMs: p }) };
}
