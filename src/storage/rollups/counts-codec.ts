import { COUNTED, WEEK_DAYS } from "../../metrics/week-counts.js";
import { CorruptRollupError, decodeNumbers, encodeNumbers } from "./codec.js";

/** A repository's counts in an installation-week, in `countWeek`'s layout. */
export interface RepositoryCounts {
  repoId: number;
  counts: Float64Array;
}

const WIDTH = COUNTED.length * WEEK_DAYS;

/** Several repositories' counts as one binary: for each, its id then its counts, by id. */
export function encodeRepositoryCounts(list: readonly RepositoryCounts[]): Buffer {
  const flat: number[] = [];
  for (const { repoId, counts } of [...list].sort((a, b) => a.repoId - b.repoId)) {
    if (counts.length !== WIDTH)
      throw new Error(`a week's counts are ${WIDTH} numbers, not ${counts.length}`);
    flat.push(repoId, ...counts);
  }
  return encodeNumbers(flat);
}

export function readRepositoryCounts(stored: Uint8Array | { buffer: Uint8Array }): RepositoryCounts[] {
  const flat = decodeNumbers(stored);
  if (flat.length % (WIDTH + 1) !== 0) throw new CorruptRollupError("counts");
  const list: RepositoryCounts[] = [];
  for (let offset = 0; offset < flat.length; offset += WIDTH + 1) {
    list.push({ repoId: flat[offset], counts: flat.subarray(offset + 1, offset + 1 + WIDTH) });
  }
  return list;
}
