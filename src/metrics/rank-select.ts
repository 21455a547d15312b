/**
 * Order statistics over sorted runs without merging them: a year of rollups is a thousand runs of a few
 * hundred values each, and copying and sorting them all per request grew with the organisation, while
 * selection costs about runs × log(values). Hand-written: no npm library selects across sorted arrays.
 */

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

/**
 * The runs still in play, each `values[lo…hi)`, as parallel arrays changed in place: a year's total is
 * a hundred runs and twenty rounds per rank, and an object per run and round cost more than the rounds.
 */
class Windows {
  readonly values: ArrayLike<number>[];
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** Each window's cut at the round's pivot: the first value ≥ it, and the first > it. */
  private readonly below: Int32Array;
  private readonly above: Int32Array;
  private readonly order: Int32Array;
  size: number;

  constructor(runs: readonly ArrayLike<number>[]) {
    this.values = runs.filter((run) => run.length > 0);
    this.size = this.values.length;
    this.lo = new Int32Array(this.size);
    this.hi = Int32Array.from(this.values, (run) => run.length);
    this.below = new Int32Array(this.size);
    this.above = new Int32Array(this.size);
    this.order = new Int32Array(this.size);
  }

  total(): number {
    let total = 0;
    for (let w = 0; w < this.size; w += 1) total += this.hi[w] - this.lo[w];
    return total;
  }

  private middle(w: number): number {
    return this.values[w][(this.lo[w] + this.hi[w]) >>> 1];
  }

  /**
   * The middle value of the windows' middles, each weighted by its window's size: at least a quarter of
   * the values are at most it and a quarter at least it, so each round drops a quarter or more.
   */
  weightedMiddle(total: number): number {
    const order = this.order.subarray(0, this.size);
    for (let w = 0; w < this.size; w += 1) order[w] = w;
    order.sort((a, b) => this.middle(a) - this.middle(b));
    let seen = 0;
    for (const w of order) {
      seen += this.hi[w] - this.lo[w];
      if (seen * 2 >= total) return this.middle(w);
    }
    return this.middle(order[this.size - 1]);
  }

  /** Cuts every window at `pivot`: how many values are below it, and how many at most it. */
  cut(pivot: number): { below: number; atMost: number } {
    let below = 0;
    let atMost = 0;
    for (let w = 0; w < this.size; w += 1) {
      this.below[w] = bound(this.values[w], this.lo[w], this.hi[w], pivot, false);
      this.above[w] = bound(this.values[w], this.below[w], this.hi[w], pivot, true);
      below += this.below[w] - this.lo[w];
      atMost += this.above[w] - this.lo[w];
    }
    return { below, atMost };
  }

  /** Keeps the values below the last cut's pivot (`low`), or those above it; drops emptied windows. */
  keep(low: boolean): void {
    let kept = 0;
    for (let w = 0; w < this.size; w += 1) {
      const lo = low ? this.lo[w] : this.above[w];
      const hi = low ? this.below[w] : this.hi[w];
      if (hi <= lo) continue;
      this.values[kept] = this.values[w];
      this.lo[kept] = lo;
      this.hi[kept] = hi;
      kept += 1;
    }
    this.size = kept;
  }
}

/** Where the last few thousand values are gathered to select in, reused from one call to the next. */
const gathered = new Float64Array(GATHER_BELOW);

/** The rank `left` among the windows' values, gathered into one array and selected in. */
function selectGathered(windows: Windows, total: number, left: number): number {
  let offset = 0;
  for (let w = 0; w < windows.size; w += 1)
    for (let i = windows.lo[w]; i < windows.hi[w]; i += 1) gathered[offset++] = windows.values[w][i];
  return selectInPlace(gathered.subarray(0, total), left, 0, total - 1);
}

/** The value at `rank` (0-based, ascending) among sorted runs; the rank must be below their total size. */
export function valueAtRank(runs: readonly ArrayLike<number>[], rank: number): number {
  const windows = new Windows(runs);
  let left = rank;
  for (;;) {
    if (windows.size === 1) return windows.values[0][windows.lo[0] + left];
    const total = windows.total();
    if (total <= GATHER_BELOW) return selectGathered(windows, total, left);
    const pivot = windows.weightedMiddle(total);
    const { below, atMost } = windows.cut(pivot);
    if (left >= below && left < atMost) return pivot;
    const low = left < below;
    if (!low) left -= atMost;
    windows.keep(low);
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

/** Partition rounds before `selectInPlace` gives up on its pivots and sorts what is left. */
const MAX_ROUNDS = 64;

/**
 * Moves the value of rank `k` within `values[lo…hi]` (inclusive) to index k, every smaller value before
 * it and every larger one after it (Hoare's selection, median-of-three pivots): linear on average,
 * where a sort is n·log n. After too many rounds (adversarial orders) it sorts the rest instead.
 */
export function selectInPlace(values: Float64Array, k: number, lo: number, hi: number): number {
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
