import quickselect from "quickselect";
import { round2, share } from "./arithmetic.js";
import type { FinalStatus } from "./deployments.js";
import type { Dora } from "./dora.js";
import type { DoraWeek } from "./dora-weeks.js";
import { WEEK_MS, weekKeysBetween, weekStart } from "./week.js";

/**
 * The figures of `computeDora` and `computeDoraWeeks` (METRICS.md, DORA; the decisions are in dora.ts)
 * over columns of numbers rather than records: a year of a large organisation is hundreds of thousands
 * of merged PRs, and a Date and an object for each cost more than the reading. Each lead time and
 * time to restore is computed once and counted in the range and in its week, by the same arithmetic.
 */

/** A final status as a number (0: none yet). */
export const STATUS_CODES: Readonly<Record<FinalStatus, number>> = { success: 1, failure: 2, error: 3 };
export const NO_FINAL_STATUS = 0;

export const statusCode = (status: FinalStatus | null): number =>
  status === null ? NO_FINAL_STATUS : STATUS_CODES[status];

/** A repository's production deployments in order of creation (then deploymentId), as columns. */
export interface ProductionColumns {
  repoId: number;
  createdAt: Float64Array;
  deploymentId: Float64Array;
  status: Uint8Array;
}

/** A repository's merged PRs as float64 pairs: mergedAt, lead-time start (ms); any order, any range. */
export interface MergeColumns {
  repoId: number;
  pairs: Float64Array;
}

export interface DoraColumnsInput {
  production: readonly ProductionColumns[];
  merges: readonly MergeColumns[];
  since: Date;
  until: Date;
}

const MS_PER_HOUR = 3_600_000;

/** What one range (the whole, or a week's part of it) adds up. */
class Tally {
  deployments = 0;
  successes = 0;
  finals = 0;
  failed = 0;
  readonly leadTimes: number[] = [];
  readonly restoreTimes: number[] = [];

  addDeployment(status: number, restoreHours: number | null): void {
    this.deployments += 1;
    if (status === NO_FINAL_STATUS) return;
    this.finals += 1;
    if (status === STATUS_CODES.success) this.successes += 1;
    else this.failed += 1;
    if (restoreHours !== null) this.restoreTimes.push(restoreHours);
  }

  figures(since: number, until: number): Omit<Dora, "since" | "until"> {
    const weeks = (until - since) / WEEK_MS;
    return {
      deploymentsCount: this.deployments,
      deploymentFrequencyPerWeek: weeks > 0 ? round2(this.successes / weeks) : null,
      leadTimeForChangesHours: medianOf(this.leadTimes),
      changeFailureRate: share(this.failed, this.finals),
      timeToRestoreHours: medianOf(this.restoreTimes),
    };
  }
}

/**
 * `statistics.median` for finite values (rank ½ × (n − 1), interpolated, rounded) by selection rather
 * than a sort: a year's lead times are hundreds of thousands of values. Reorders `values`.
 */
function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const rank = (50 / 100) * (values.length - 1);
  const below = Math.floor(rank);
  quickselect(values, below);
  // After selection every value past `below` is at least values[below]: the next rank is their least.
  let above = values[below];
  if (Math.ceil(rank) !== below) {
    above = Infinity;
    for (let index = below + 1; index < values.length; index += 1) above = Math.min(above, values[index]);
  }
  return round2(values[below] + (above - values[below]) * (rank - below));
}

/** The successful ones of a repository's production deployments, in the same order. */
function successesOf(repo: ProductionColumns): { createdAt: Float64Array; deploymentId: Float64Array } {
  const kept: number[] = [];
  for (let index = 0; index < repo.status.length; index += 1)
    if (repo.status[index] === STATUS_CODES.success) kept.push(index);
  return {
    createdAt: Float64Array.from(kept, (index) => repo.createdAt[index]),
    deploymentId: Float64Array.from(kept, (index) => repo.deploymentId[index]),
  };
}

type Successes = ReturnType<typeof successesOf>;

/** The first success created strictly after (`time`, `id`): what restores a failed deployment. */
function firstSuccessAfter(successes: Successes, time: number, id: number): number | null {
  let [low, high] = [0, successes.createdAt.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    const created = successes.createdAt[middle];
    if (created > time || (created === time && successes.deploymentId[middle] > id)) high = middle;
    else low = middle + 1;
  }
  return low < successes.createdAt.length ? successes.createdAt[low] : null;
}

/** The range's figures and each overlapping week's, as `computeDora` and `computeDoraWeeks` give them. */
export function computeDoraColumns(input: DoraColumnsInput): { figures: Dora; weeks: DoraWeek[] } {
  const since = input.since.getTime();
  const until = input.until.getTime();
  const keys = weekKeysBetween(input.since, input.until);
  const first = weekStart(input.since).getTime();
  const total = new Tally();
  const perWeek = keys.map(() => new Tally());
  const successes = new Map(input.production.map((repo) => [repo.repoId, successesOf(repo)]));
  const none: Successes = { createdAt: new Float64Array(0), deploymentId: new Float64Array(0) };

  for (const repo of input.production) {
    const repoSuccesses = successes.get(repo.repoId) ?? none;
    for (let index = 0; index < repo.createdAt.length; index += 1) {
      const created = repo.createdAt[index];
      if (created < since || created >= until) continue;
      const status = repo.status[index];
      const failed = status !== NO_FINAL_STATUS && status !== STATUS_CODES.success;
      const restored = failed ? firstSuccessAfter(repoSuccesses, created, repo.deploymentId[index]) : null;
      const restoreHours = restored === null ? null : (restored - created) / MS_PER_HOUR;
      total.addDeployment(status, restoreHours);
      perWeek[Math.floor((created - first) / WEEK_MS)].addDeployment(status, restoreHours);
    }
  }

  for (const { repoId, pairs } of input.merges) {
    const shipped = (successes.get(repoId) ?? none).createdAt;
    // Pairs come sorted by mergedAt (`mergesOf`), so the first success at or after each only moves on.
    let next = 0;
    let last = -Infinity;
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      const mergedAt = pairs[index];
      if (mergedAt < since || mergedAt >= until) continue;
      if (mergedAt < last) next = 0;
      last = mergedAt;
      while (next < shipped.length && shipped[next] < mergedAt) next += 1;
      if (next === shipped.length) continue;
      const hours = Math.max(0, (shipped[next] - pairs[index + 1]) / MS_PER_HOUR);
      total.leadTimes.push(hours);
      perWeek[Math.floor((mergedAt - first) / WEEK_MS)].leadTimes.push(hours);
    }
  }

  const weeks = keys.map((week, index) => {
    const start = first + index * WEEK_MS;
    return { week, ...perWeek[index].figures(Math.max(start, since), Math.min(start + WEEK_MS, until)) };
  });
  return { figures: { since: input.since, until: input.until, ...total.figures(since, until) }, weeks };
}
