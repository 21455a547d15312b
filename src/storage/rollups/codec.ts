import { DURATION_METRICS, SIZE_BUCKETS } from "../../metrics/aggregate.js";
import type { PersonPart } from "../../metrics/rollup-build.js";
import { emptyPart, type RollupPart } from "../../metrics/rollup-part.js";

/**
 * A rollup's parts as binaries: the embedded server decodes a document field by field, and a year of
 * rollups held as sub-documents cost it seconds to read; a binary is one field however much it holds,
 * and the server's cost grows with its bytes, so values are kept as int32 hundredths where they fit.
 * Hand-written: a part is a few dozen numbers, and no library packs them more directly.
 */

const COUNTS = [
  "merged",
  "opened",
  "reviewed",
  "reverts",
  "hotfixes",
  "aiAssisted",
  "checkRuns",
  "checkRunsFailed",
  "reviews",
] as const;

export class CorruptRollupError extends Error {
  constructor(detail: string) {
    super(`a stored rollup is unreadable (${detail}): run \`mergelens recompute\``);
    this.name = "CorruptRollupError";
  }
}

/**
 * A part's layout, in 8-byte words: each metric's sum in hundredths (float64: a week's can pass int32),
 * then as int32s its counts, size buckets, each metric's number of values and the values' width (4 or
 * 8 bytes), then the values in hundredths, each metric's sorted: int32s (padded to a word) when all fit,
 * float64s otherwise.
 */
const METRICS = DURATION_METRICS.length;
const INT_COUNTS = 0;
const INT_SIZES = COUNTS.length;
const INT_VALUE_COUNTS = INT_SIZES + SIZE_BUCKETS.length;
const INT_WIDTH = INT_VALUE_COUNTS + METRICS;
const HEAD_INTS = Math.ceil((INT_WIDTH + 1) / 2) * 2;
const HEAD_WORDS = METRICS + HEAD_INTS / 2;

/** Stored parts read in place: the same bytes as float64 words and as int32s. */
export interface FlatParts {
  words: Float64Array;
  ints: Int32Array;
}

const fitsInt32 = (value: number) => Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff;

/** A part's stored bytes (a multiple of 8). */
export function encodePart(part: RollupPart): Buffer {
  // A list of int32s sorts as one (natively, numerically); a wider one as float64s, checked value by value.
  const sorted = DURATION_METRICS.map((metric) => {
    const values = part.values[metric].view();
    return values instanceof Int32Array ? values.slice().sort() : Float64Array.from(values).sort();
  });
  const total = sorted.reduce((count, values) => count + values.length, 0);
  const narrow = sorted.every((values) => values instanceof Int32Array || values.every(fitsInt32));
  const valueWords = narrow ? Math.ceil(total / 2) : total;
  const words = new Float64Array(HEAD_WORDS + valueWords);
  const ints = new Int32Array(words.buffer);
  DURATION_METRICS.forEach((metric, index) => (words[index] = part.sums[metric]));
  const head = METRICS * 2;
  COUNTS.forEach((name, index) => (ints[head + INT_COUNTS + index] = part[name]));
  part.sizes.forEach((count, index) => (ints[head + INT_SIZES + index] = count));
  sorted.forEach((values, index) => (ints[head + INT_VALUE_COUNTS + index] = values.length));
  ints[head + INT_WIDTH] = narrow ? 4 : 8;
  let at = HEAD_WORDS * (narrow ? 2 : 1);
  for (const values of sorted) {
    (narrow ? ints : words).set(values, at);
    at += values.length;
  }
  return Buffer.from(words.buffer);
}

/** The driver hands a binary back as BSON's `Binary` (its bytes in `buffer`), or as a Buffer. */
export type StoredBytes = Uint8Array | { buffer: Uint8Array };

const bytesOf = (stored: StoredBytes): Uint8Array => (stored instanceof Uint8Array ? stored : stored.buffer);

/** The stored bytes as a Buffer over the same memory (no copy). */
export function viewOf(stored: StoredBytes): Buffer {
  const bytes = bytesOf(stored);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Numbers as little-endian float64s. */
export const encodeNumbers = (numbers: readonly number[]): Buffer =>
  Buffer.from(Float64Array.from(numbers).buffer);

export function decodeNumbers(stored: StoredBytes): Float64Array {
  const bytes = bytesOf(stored);
  if (bytes.byteLength % 8 !== 0) throw new CorruptRollupError(`${bytes.byteLength} bytes of numbers`);
  // A Float64Array needs an 8-byte aligned offset, which a slice of a BSON message may not have: copied then.
  if (bytes.byteOffset % 8 === 0)
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return new Float64Array(new Uint8Array(bytes).buffer);
}

/** Stored parts, one after another, read in place. */
export function readParts(stored: StoredBytes): FlatParts {
  const words = decodeNumbers(stored);
  return { words, ints: new Int32Array(words.buffer, words.byteOffset, words.length * 2) };
}

/** Whether the part at word `offset` counts no PR, merged or opened. */
export function isEmptyFlatPart(flat: FlatParts, offset: number): boolean {
  const head = (offset + METRICS) * 2 + INT_COUNTS;
  return flat.ints[head + COUNTS.indexOf("merged")] === 0 && flat.ints[head + COUNTS.indexOf("opened")] === 0;
}

/** Where the part at word `offset` keeps its values: their width, and the word just past them. */
function valuesOf(flat: FlatParts, offset: number): { narrow: boolean; end: number } {
  if (flat.words.length < offset + HEAD_WORDS)
    throw new CorruptRollupError(`a part of ${flat.words.length - offset} words`);
  const head = (offset + METRICS) * 2;
  let total = 0;
  for (let index = 0; index < METRICS; index += 1) {
    const count = flat.ints[head + INT_VALUE_COUNTS + index];
    if (count < 0) throw new CorruptRollupError(`bad count for ${DURATION_METRICS[index]}`);
    total += count;
  }
  const width = flat.ints[head + INT_WIDTH];
  if (width !== 4 && width !== 8) throw new CorruptRollupError(`values ${width} bytes wide`);
  const end = offset + HEAD_WORDS + (width === 4 ? Math.ceil(total / 2) : total);
  if (end > flat.words.length) throw new CorruptRollupError("bad value counts");
  return { narrow: width === 4, end };
}

/** The word just past the part at word `offset`, which is left unread. */
export const endOfFlatPart = (flat: FlatParts, offset: number): number => valuesOf(flat, offset).end;

/**
 * Adds the part at word `offset` into `into`, without building it first (a year of people is tens of
 * thousands of parts): the counts at once, the values copied, or, `asRuns`, kept as views of the stored
 * bytes (each metric's stored values are sorted). Returns the word just past the part.
 */
export function addFlatPart(into: RollupPart, flat: FlatParts, offset: number, asRuns = false): number {
  const { narrow, end } = valuesOf(flat, offset);
  const head = (offset + METRICS) * 2;
  const { ints } = flat;
  COUNTS.forEach((name, index) => (into[name] += ints[head + INT_COUNTS + index]));
  for (let i = 0; i < SIZE_BUCKETS.length; i += 1) into.sizes[i] += ints[head + INT_SIZES + i];
  const values = narrow ? ints : flat.words;
  let next = (offset + HEAD_WORDS) * (narrow ? 2 : 1);
  for (let index = 0; index < METRICS; index += 1) {
    const metric = DURATION_METRICS[index];
    const count = ints[head + INT_VALUE_COUNTS + index];
    into.sums[metric] += flat.words[offset + index];
    if (count > 0 && asRuns) into.runs[metric].push(values.subarray(next, next + count));
    else if (count > 0) into.values[metric].appendRange(values, next, next + count);
    next += count;
  }
  return end;
}

export function decodePart(stored: StoredBytes): RollupPart {
  const part = emptyPart();
  addFlatPart(part, readParts(stored), 0);
  return part;
}

/** A person's name in a packed list: account key, login, and the createdAt (ms) that names them. */
export type PackedName = readonly [key: string, login: string, at: number];

/** A list of people as stored: their names, and their parts flattened one after another. */
export interface PackedPeople {
  names: PackedName[];
  parts: FlatParts;
}

/** Checked by hand: a year of people is tens of thousands of names per request, zod's cost there shows. */
function isNames(value: unknown): value is PackedName[] {
  if (!Array.isArray(value)) return false;
  for (const name of value as unknown[]) {
    if (!Array.isArray(name) || name.length !== 3) return false;
    if (typeof name[0] !== "string" || typeof name[1] !== "string" || typeof name[2] !== "number")
      return false;
  }
  return true;
}

/**
 * People as one binary: a uint32 length, the names as JSON, zero padding to 8 bytes, then every part as
 * `encodePart`s, so a reader adds parts straight from the bytes (`addFlatPart`).
 */
export function encodePeople(people: readonly PersonPart[]): Buffer {
  const names = Buffer.from(JSON.stringify(people.map((person) => [person.key, person.login, person.at])));
  const head = Math.ceil((4 + names.length) / 8) * 8;
  const parts = Buffer.concat(people.map(encodePart));
  const packed = Buffer.alloc(head + parts.length);
  packed.writeUInt32LE(names.length, 0);
  names.copy(packed, 4);
  parts.copy(packed, head);
  return packed;
}

export function readPeople(stored: StoredBytes): PackedPeople {
  const bytes = viewOf(stored);
  if (bytes.length < 4) throw new CorruptRollupError("people");
  const length = bytes.readUInt32LE(0);
  const head = Math.ceil((4 + length) / 8) * 8;
  if (head > bytes.length) throw new CorruptRollupError("people");
  const names: unknown = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8"));
  if (!isNames(names)) throw new CorruptRollupError("people's names");
  return { names, parts: readParts(bytes.subarray(head)) };
}

export function decodePeople(stored: StoredBytes): PersonPart[] {
  const { names, parts } = readPeople(stored);
  let offset = 0;
  return names.map(([key, login, at]) => {
    const part = emptyPart();
    offset = addFlatPart(part, parts, offset);
    return { ...part, key, login, at };
  });
}

/** A repository's merges in an installation-week: (mergedAt, lead-time start) pairs, as its rollup keeps them. */
export interface RepositoryMerges {
  repoId: number;
  pairs: Float64Array;
}

/** Several repositories' merges as one binary: for each, its id, its count of pairs, then the pairs. */
export function encodeRepositoryMerges(list: readonly RepositoryMerges[]): Buffer {
  const flat: number[] = [];
  for (const { repoId, pairs } of [...list].sort((a, b) => a.repoId - b.repoId)) {
    flat.push(repoId, pairs.length / 2, ...pairs);
  }
  return encodeNumbers(flat);
}

export function readRepositoryMerges(stored: StoredBytes): RepositoryMerges[] {
  const flat = decodeNumbers(stored);
  const list: RepositoryMerges[] = [];
  for (let offset = 0; offset < flat.length;) {
    const end = offset + 2 + flat[offset + 1] * 2;
    if (!Number.isInteger(end) || end > flat.length) throw new CorruptRollupError("merges");
    list.push({ repoId: flat[offset], pairs: flat.subarray(offset + 2, end) });
    offset = end;
  }
  return list;
}
