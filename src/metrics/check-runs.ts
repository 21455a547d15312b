import type { CheckRunRecord } from "../records/types.js";
import { msToSeconds } from "./arithmetic.js";

/**
 * CI figures over the check runs of the PR's head commit (METRICS.md). A re-run replaces the earlier run
 * of the same name: per (app, name) the run with the latest `startedAt` is kept (a missing `startedAt`
 * sorts first), then the highest `checkRunId`. The app is part of the key because a run of another app
 * that happens to share the name is not a re-run.
 */
export interface CheckRunFigures {
  checkRunsCount: number;
  checkRunsFailed: number;
  ciDurationSeconds: number | null;
  ciWallSeconds: number | null;
}

const FAILED = new Set(["failure", "timed_out", "startup_failure"]);

const time = (date: Date | null): number => date?.getTime() ?? Number.NEGATIVE_INFINITY;

function isLater(a: CheckRunRecord, b: CheckRunRecord): boolean {
  const [startA, startB] = [time(a.startedAt), time(b.startedAt)];
  return startA !== startB ? startA > startB : a.checkRunId > b.checkRunId;
}

/** The runs that count: on `headSha`, latest per (app, name). */
export function latestRunsOnHead(runs: readonly CheckRunRecord[], headSha: string): CheckRunRecord[] {
  const latest = new Map<string, CheckRunRecord>();
  for (const run of runs) {
    if (run.headSha !== headSha) continue;
    const key = JSON.stringify([run.appSlug, run.name]);
    const kept = latest.get(key);
    if (!kept || isLater(run, kept)) latest.set(key, run);
  }
  return [...latest.values()];
}

export function checkRunFigures(runs: readonly CheckRunRecord[], headSha: string): CheckRunFigures {
  const counted = latestRunsOnHead(runs, headSha);
  const finished = counted.filter(
    (run): run is CheckRunRecord & { startedAt: Date; completedAt: Date } =>
      run.startedAt !== null && run.completedAt !== null,
  );
  const starts = counted.flatMap((run) => (run.startedAt ? [run.startedAt.getTime()] : []));
  const ends = counted.flatMap((run) => (run.completedAt ? [run.completedAt.getTime()] : []));
  return {
    checkRunsCount: counted.length,
    checkRunsFailed: counted.filter((run) => run.conclusion !== null && FAILED.has(run.conclusion)).length,
    // Runs still in progress have no duration yet; null when no run has finished.
    ciDurationSeconds:
      finished.length === 0
        ? null
        : msToSeconds(
            finished.reduce((sum, run) => sum + run.completedAt.getTime() - run.startedAt.getTime(), 0),
          ),
    ciWallSeconds:
      starts.length === 0 || ends.length === 0 ? null : msToSeconds(Math.max(...ends) - Math.min(...starts)),
  };
}
