import type { JobParameters } from "agenda";
import type { Logger } from "pino";
import type { Queue } from "./queue.js";

/**
 * A job whose end could not be saved (the database went away while it failed, or while Agenda saved
 * its result) keeps its lock, with `nextRunAt` null, until its lockLifetime runs out: 10 minutes of a
 * stalled backfill after a blip of seconds (STACK.md's Agenda notes). Agenda offers no hook for a failed
 * save, so the worker sweeps: a job locked under this worker's name that this worker neither runs nor
 * holds is an orphan, and is handed back at once (to any worker) from its last checkpoint.
 */

export interface OrphanSweeperOptions {
  /** How often to look; a blip is thus repaired within this (plus Agenda's poll) of the database's return. */
  intervalMs?: number;
  /** A lock younger than this is left alone: Agenda locks a job in the database before it holds it. */
  minLockAgeMs?: number;
  now?: () => Date;
}

export interface OrphanSweeper {
  /** One sweep; resolves to the number of jobs released (0 when the database does not answer). */
  sweep(): Promise<number>;
  stop(): void;
}

const DEFAULT_INTERVAL_MS = 15_000;
const DEFAULT_MIN_LOCK_AGE_MS = 10_000;

const idsOf = (jobs: number | JobParameters[]): string[] =>
  typeof jobs === "number" ? [] : jobs.map((job) => String(job._id));

/** Releases this worker's orphaned locks now, then every `intervalMs` until stopped. */
export function startOrphanSweeper(
  queue: Queue,
  log: Logger,
  options: OrphanSweeperOptions = {},
): OrphanSweeper {
  const name = queue.agenda.attrs.name;
  const now = options.now ?? (() => new Date());
  const minAge = options.minLockAgeMs ?? DEFAULT_MIN_LOCK_AGE_MS;
  let sweeping: Promise<number> | null = null;

  async function releaseOrphans(): Promise<number> {
    if (!name) return 0;
    const lockedBefore = new Date(now().getTime() - minAge);
    // The database first, then what this process holds: a job locked after the read is not a candidate.
    const locked = await queue.jobs
      .find({ lastModifiedBy: name, lockedAt: { $ne: null, $lte: lockedBefore } }, { projection: { _id: 1 } })
      .toArray();
    if (locked.length === 0) return 0;
    const stats = await queue.agenda.getRunningStats(true);
    const held = new Set([...idsOf(stats.runningJobs), ...idsOf(stats.lockedJobs)]);
    const orphans = locked.filter((job) => !held.has(String(job._id))).map((job) => job._id);
    if (orphans.length === 0) return 0;
    // Conditional on the lock still being ours, so a job another worker took meanwhile is left alone.
    const released = await queue.jobs.updateMany(
      { _id: { $in: orphans }, lastModifiedBy: name, lockedAt: { $ne: null, $lte: lockedBefore } },
      { $set: { lockedAt: null, nextRunAt: now() } },
    );
    if (released.modifiedCount > 0) {
      log.warn(
        { jobs: orphans.map(String) },
        `released ${released.modifiedCount} job(s) whose end was not saved`,
      );
    }
    return released.modifiedCount;
  }

  const sweep = (): Promise<number> => {
    sweeping ??= releaseOrphans()
      .catch((error: unknown) => {
        // The database is still away: the next sweep tries again.
        log.debug({ err: error }, "orphaned-lock sweep failed");
        return 0;
      })
      .finally(() => (sweeping = null));
    return sweeping;
  };

  const timer = setInterval(() => void sweep(), options.intervalMs ?? DEFAULT_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
