/**
 * Order statistics over sorted runs without merging them: a year of rollups is a thousand runs of a few
 * hundred values each, and copying and sorting them all per request grew with the organisation, while
 * selection costs about runs × log(values). Hand-written: no npm library selects across sorted arrays.
 */

/** The part of a sorted run still in play: `values[lo…hi)`. */
interface Window {
  values: ArrayLike<number>;
  lo: number;
  hi: number;
}

/** Below this many values left, they are gathered and selected in: cheaper than more rounds. */
const GATHER_BELOW = 2048;

/** The first index in [lo, hi) whose value is ≥ x (`strict`: > x), else hi. */
function bound(values: ArrayLike<number>, lo: number, hi: number, x: number, strict: boolean): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < x || (strict && values[mid] === x)) low = mid + 1;
    else high = mid;
  }
  return low;
}

const sizeOf = (windows: readonly Window[]) => windows.reduce((total, w) => total + w.hi - w.lo, 0);

/**
 * The middle value of the windows' middles, each weighted by its window's size: at least a quarter of
 * the values are at most it and a quarter at least it, so each round drops a quarter or more.
 */
function weightedMiddle(windows: readonly Window[], total: number): number {
  const middles = windows
    .map((w) => ({ value: w.values[(w.lo + w.hi) >>> 1], weight: w.hi - w.lo }))
    .sort((a, b) => a.value - b.value);
  let seen = 0;
  for (const middle of middles) {
    seen += middle.weight;
    if (seen * 2 >= total) return middle.value;
  }
  return middles[middles.length - 1].value;
}

/** The rank `left` among the windows' values, gathered into one array and selected in. */
function selectGathered(windows: readonly Window[], total: number, left: number): number {
  const values = new Float64Array(total);
  let offset = 0;
  for (const w of windows) for (let i = w.lo; i < w.hi; i += 1) values[offset++] = w.values[i];
  return selectInPlace(values, left, 0, total - 1);
}

/** The value at `rank` (0-based, ascending) among sorted runs; the rank must be below their total size. */
export function valueAtRank(runs: readonly ArrayLike<number>[], rank: number): number {
  let windows: Window[] = runs
    .filter((run) => run.length > 0)
    .map((values) => ({ values, lo: 0, hi: values.length }));
  let left = rank;
  for (;;) {
    if (windows.length === 1) return windows[0].values[windows[0].lo + left];
    const total = sizeOf(windows);
    if (total <= GATHER_BELOW) return selectGathered(windows, total, left);
    const pivot = weightedMiddle(windows, total);
    let below = 0;
    let atMost = 0;
    const cuts = windows.map((w) => {
      const lt = bound(w.values, w.lo, w.hi, pivot, false);
      const le = bound(w.values, lt, w.hi, pivot, true);
      below += lt - w.lo;
      atMost += le - w.lo;
      return [lt, le] as const;
    });
    if (left >= below && left < atMost) return pivot;
    const keepLow = left < below;
    if (!keepLow) left -= atMost;
    windows = windows
      .map((w, i) => (keepLow ? { ...w, hi: cuts[i][0] } : { ...w, lo: cuts[i][1] }))
      .filter((w) => w.hi > w.lo);
  }
}

/** The value just above rank `rank` (at `rank + 1`) given the value at `rank`: one bound per run. */
export function valueAfterRank(runs: readonly ArrayLike<number>[], rank: number, value: number): number {
  let atMost = 0;
  let next = Infinity;
  for (const run of runs) {
    const cut = bound(run, 0, run.length, value, true);
    atMost += cut;
    if (cut < run.length && run[cut] < next) next = run[cut];
  }
  return atMost > rank + 1 ? value : next;
}

/** Values gathered to select in. */
export type Gathered = Float64Array | Int32Array;

/** Partition rounds before `selectInPlace` gives up on its pivots and sorts what is left. */
const MAX_ROUNDS = 64;

/**
 * Moves the value of rank `k` within `values[lo…hi]` (inclusive) to index k, every smaller value before
 * it and every larger one after it (Hoare's selection, median-of-three pivots): linear on average,
 * where a sort is n·log n. After too many rounds (adversarial orders) it sorts the rest instead.
 */
export function selectInPlace(values: Gathered, k: number, lo: number, hi: number): number {
  let low = lo;
  let high = hi;
  for (let round = 0; high > low; round += 1) {
    if (round === MAX_ROUNDS) {
      values.subarray(low, high + 1).sort();
      break;
    }
    const a = values[low];
    const b = values[(low + high) >>> 1];
    const c = values[high];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i += 1;
      while (values[j] > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k];
}
