import { DURATION_METRICS, type DurationMetric } from "../../metrics/aggregate.js";
import type { PersonPart } from "../../metrics/rollup-build.js";
import type { RollupPart } from "../../metrics/rollup-part.js";
import type { StoredPart, StoredPersonPart } from "../models/rollup.js";

/**
 * A part's duration values as one little-endian float64 array: first the number of values of each
 * metric (in DURATION_METRICS order), then each metric's values, sorted. Hand-written: a dozen lines,
 * and no library packs numbers more directly than a Float64Array.
 */
export function encodeValues(values: Record<DurationMetric, number[]>): Buffer {
  const counts = DURATION_METRICS.map((metric) => values[metric].length);
  const packed = new Float64Array(DURATION_METRICS.length + counts.reduce((a, b) => a + b, 0));
  packed.set(counts, 0);
  let offset = DURATION_METRICS.length;
  for (const metric of DURATION_METRICS) {
    packed.set(Float64Array.from(values[metric]).sort(), offset);
    offset += values[metric].length;
  }
  return Buffer.from(packed.buffer);
}

/** The driver hands a binary back as BSON's `Binary` (its bytes in `buffer`), or as a Buffer. */
type StoredBytes = Uint8Array | { buffer: Uint8Array };

const bytesOf = (stored: StoredBytes): Uint8Array => (stored instanceof Uint8Array ? stored : stored.buffer);

export class CorruptRollupError extends Error {
  constructor(detail: string) {
    super(`a stored rollup is unreadable (${detail}): run \`mergelens recompute\``);
    this.name = "CorruptRollupError";
  }
}

export function decodeValues(stored: StoredBytes): Record<DurationMetric, number[]> {
  const bytes = bytesOf(stored);
  if (bytes.byteLength % 8 !== 0 || bytes.byteLength < DURATION_METRICS.length * 8)
    throw new CorruptRollupError(`${bytes.byteLength} bytes of values`);
  // Copied: a Float64Array needs an 8-byte aligned offset, which a slice of a BSON message may not have.
  // (`new Uint8Array(bytes)`: a Buffer's own `slice` shares its pool instead of copying).
  const packed = new Float64Array(new Uint8Array(bytes).buffer);
  const values = {} as Record<DurationMetric, number[]>;
  let offset = DURATION_METRICS.length;
  DURATION_METRICS.forEach((metric, index) => {
    const count = packed[index];
    if (!Number.isInteger(count) || count < 0 || offset + count > packed.length)
      throw new CorruptRollupError(`bad count for ${metric}`);
    values[metric] = Array.from(packed.subarray(offset, offset + count));
    offset += count;
  });
  return values;
}

/** Plain numbers (DORA's merge pairs) as float64s. */
export const encodeNumbers = (numbers: readonly number[]): Buffer =>
  Buffer.from(Float64Array.from(numbers).buffer);

export function decodeNumbers(stored: StoredBytes): Float64Array {
  const bytes = bytesOf(stored);
  if (bytes.byteLength % 8 !== 0) throw new CorruptRollupError(`${bytes.byteLength} bytes of numbers`);
  return new Float64Array(new Uint8Array(bytes).buffer);
}

export function encodePart(part: RollupPart): StoredPart {
  const { values, ...counts } = part;
  return { ...counts, values: encodeValues(values) };
}

export function decodePart(stored: StoredPart): RollupPart {
  return {
    merged: stored.merged,
    opened: stored.opened,
    reviewed: stored.reviewed,
    reverts: stored.reverts,
    hotfixes: stored.hotfixes,
    aiAssisted: stored.aiAssisted,
    checkRuns: stored.checkRuns,
    checkRunsFailed: stored.checkRunsFailed,
    reviews: stored.reviews,
    values: decodeValues(stored.values),
  };
}

export function encodePersonPart(part: PersonPart): StoredPersonPart {
  const { key, login, at, ...rest } = part;
  return { ...encodePart(rest), key, login, at: new Date(at) };
}
