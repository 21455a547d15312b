import { createHash } from "node:crypto";
import seedrandom from "seedrandom";

/** A seeded generator: every list is derived from (seed, repo, number, purpose), so nothing needs storing. */
export type Rng = () => number;

export function rng(...parts: Array<string | number>): Rng {
  return seedrandom(parts.join("\u0000"));
}

export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export function chance(r: Rng, probability: number): boolean {
  return r() < probability;
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

export function shuffled<T>(r: Rng, items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: r() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

/** A long-tailed positive number around `median` (log-normal-ish), for durations and sizes. */
export function skewed(r: Rng, median: number, spread = 1): number {
  const gaussian = (r() + r() + r() + r() - 2) * 1.2;
  return median * Math.exp(gaussian * spread);
}

/** A git-looking 40-hex sha, stable for the same parts. */
export function sha(...parts: Array<string | number>): string {
  return createHash("sha1").update(parts.join("\u0000")).digest("hex");
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
