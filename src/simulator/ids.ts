/**
 * Deterministic GitHub-style ids. Database ids pack (repo, PR, item) so every list can be regenerated
 * with the same ids; node ids and cursors are opaque base64 like GitHub's.
 */

/**
 * GraphQL's `databaseId` is a 32-bit Int, so ids stay below 2^31: each repository gets 2^24 ids per
 * kind, and each PR a fixed number of slots of that kind.
 */
const SLOTS = {
  pull: 1,
  review: 128,
  /** Conversation comments take the first 256, inline comments the next: one id space, like one table. */
  comment: 512,
  timeline: 256,
  /** 256 runs for each of 4 head versions (later force pushes reuse them). */
  checkRun: 1024,
  checkSuite: 16,
  deployment: 2,
  deploymentStatus: 8,
} as const;

export type IdKind = keyof typeof SLOTS;
export const MAX_REPOS = 127;
export const MAX_PULLS_PER_REPO = 2 ** 24 / SLOTS.checkRun - 1;

/** Numeric id of the k-th item of a kind on PR `number` of repository `repoIndex`. */
export function itemId(kind: IdKind, repoIndex: number, number: number, k: number): number {
  return repoIndex * 2 ** 24 + number * SLOTS[kind] + (k % SLOTS[kind]) + 1;
}

export function repoId(orgId: number, repoIndex: number): number {
  return 400_000_000 + (orgId % 1_000_000) * 1000 + repoIndex;
}

export function nodeId(prefix: string, ...parts: Array<string | number>): string {
  return `${prefix}_${Buffer.from(parts.join(":")).toString("base64url")}`;
}

/** The parts of a node id with this prefix, or undefined for any other id. */
export function decodeNodeId(prefix: string, id: string): string[] | undefined {
  if (!id.startsWith(`${prefix}_`)) return undefined;
  return Buffer.from(id.slice(prefix.length + 1), "base64url")
    .toString("utf8")
    .split(":");
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString("base64");
}

/** The offset in a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
