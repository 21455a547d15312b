import { z } from "zod";

/**
 * A page boundary in the PR list: the (createdAt, prId) of the last item served. The list is ordered by
 * that pair, descending, so the next page starts strictly after it whatever was inserted meanwhile.
 * Opaque to clients (base64url JSON), and checked on the way back in.
 */
export interface CursorPosition {
  createdAt: Date;
  prId: number;
}

const wireSchema = z.strictObject({
  c: z.iso.datetime(),
  i: z.number().int().nonnegative(),
});

export function encodeCursor(position: CursorPosition): string {
  const wire: z.infer<typeof wireSchema> = { c: position.createdAt.toISOString(), i: position.prId };
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
  return parsed.success ? { createdAt: new Date(parsed.data.c), prId: parsed.data.i } : null;
}
