/**
 * Values at given ranks among int32 arrays, neither reordered nor copied: one pass counts the values per
 * bucket, a second keeps only those in the buckets the ranks fall in, which are sorted. A person's year
 * is a thousand values per metric; selecting in place cost about 30 ns a value, this a few.
 * Hand-written: no npm library selects by rank across typed arrays.
 */

/**
 * Buckets of a value's distance above the least, log-linear (as HdrHistogram's): exact below 32, then
 * 16 per power of two, so durations a hundredth to years apart spread out, and each bucket holds few.
 */
const EXACT = 32;
const SUB_BITS = 4;
const BUCKETS = EXACT + (32 - 5) * (1 << SUB_BITS);

function bucketOf(distance: number): number {
  if (distance < EXACT) return distance;
  const top = 31 - Math.clz32(distance);
  return EXACT + ((top - 5) << SUB_BITS) + ((distance >>> (top - SUB_BITS)) & ((1 << SUB_BITS) - 1));
}

// Reused from one call to the next: a year of people is thousands of calls per request.
const counts = new Int32Array(BUCKETS);
/** Where a wanted bucket's values start among the candidates; -1 for a bucket no rank falls in. */
const starts = new Int32Array(BUCKETS);
const cursors = new Int32Array(BUCKETS);
let candidates = new Int32Array(1024);

/** The values at `ranks` (0-based, ascending, each below the arrays' total length) among the arrays. */
export function valuesAtRanks(arrays: readonly Int32Array[], ranks: readonly number[]): number[] {
  let least = Infinity;
  for (const values of arrays)
    for (let i = 0; i < values.length; i += 1) if (values[i] < least) least = values[i];
  counts.fill(0);
  // (value − least) < 2³², so `>>> 0` keeps it whole.
  for (const values of arrays)
    for (let i = 0; i < values.length; i += 1) counts[bucketOf((values[i] - least) >>> 0)] += 1;
  starts.fill(-1);
  const rankBuckets: number[] = [];
  const before: number[] = [];
  let seen = 0;
  let next = 0;
  let wanted = 0;
  for (let bucket = 0; bucket < BUCKETS && next < ranks.length; bucket += 1) {
    const inBucket = counts[bucket];
    if (ranks[next] >= seen + inBucket) {
      seen += inBucket;
      continue;
    }
    starts[bucket] = wanted;
    wanted += inBucket;
    while (next < ranks.length && ranks[next] < seen + inBucket) {
      rankBuckets.push(bucket);
      before.push(seen);
      next += 1;
    }
    seen += inBucket;
  }
  if (candidates.length < wanted) candidates = new Int32Array(2 ** Math.ceil(Math.log2(wanted)));
  cursors.set(starts);
  for (const values of arrays)
    for (let i = 0; i < values.length; i += 1) {
      const bucket = bucketOf((values[i] - least) >>> 0);
      if (cursors[bucket] >= 0) candidates[cursors[bucket]++] = values[i];
    }
  // Wanted buckets hold disjoint, ascending ranges of values: sorted together, each stays in its place.
  const sorted = candidates.subarray(0, wanted).sort();
  return ranks.map((rank, index) => sorted[starts[rankBuckets[index]] + rank - before[index]]);
}
