import { setTimeout as sleep } from "node:timers/promises";
import { SingleBar } from "cli-progress";
import type { Db, Document, Filter } from "mongodb";
import { z } from "zod";
import { createQueue, type Queue } from "../sync/index.js";
import { DEFAULT_FOLLOW_TIMING, type CliContext } from "./context.js";

/** `--no-wait` and `--timeout <minutes>`, shared by the commands that queue work and follow it. */
export interface WaitOptions {
  wait: boolean;
  timeout: string;
}

const TIMEOUT_MESSAGE = "must be a number of minutes above 0, at most 1440 (a day)";
export const timeoutSchema = z.coerce
  .number(TIMEOUT_MESSAGE)
  .positive(TIMEOUT_MESSAGE)
  .max(24 * 60, TIMEOUT_MESSAGE);

/** Where the followed work is, computed from the live jobs and the repository documents. */
export interface Progress {
  /** 0..total */
  value: number;
  /** One line saying what is happening, e.g. "acme/api: syncing, 40 PRs stored". */
  text: string;
}

export interface FollowSpec {
  queue: Queue;
  /** The queued jobs being followed; the work is done when none of them is left in the jobs collection. */
  jobs: Filter<Document>[];
  total: number;
  progress: (liveJobs: number) => Promise<Progress>;
  timeoutMinutes: number;
}

interface JobDoc {
  _id: unknown;
  lockedAt?: Date | null;
  lastRunAt?: Date | null;
  failCount?: number;
  failReason?: string;
  nextRunAt?: Date | null;
}

const NO_WORKER =
  "the job has not been picked up yet: is `npm start` or `npm run worker` running on the same database? " +
  "(still waiting)";

/**
 * Polls the jobs collection and the repository documents until the jobs are gone (done, for better or
 * worse: the caller reads the outcome from the repositories) or the timeout passes. Progress goes to
 * stdout: a bar on a terminal, else a plain line each time it changes. Failed attempts that the worker
 * will retry, and a job nobody picks up, are reported on stderr.
 */
export async function followJobs(ctx: CliContext, spec: FollowSpec): Promise<"done" | "timeout"> {
  const timing = ctx.timing ?? DEFAULT_FOLLOW_TIMING;
  const started = performance.now();
  const deadline = started + spec.timeoutMinutes * 60_000;
  const failures = new Map<string, number>();
  const bar = ctx.tty
    ? new SingleBar({
        stream: ctx.tty,
        format: "[{bar}] {percentage}% | {text}",
        hideCursor: true,
        clearOnComplete: false,
      })
    : undefined;
  bar?.start(spec.total, 0, { text: "queued" });
  let lastLine = "";
  let warnedNoWorker = false;
  const show = (progress: Progress) => {
    if (bar) return bar.update(progress.value, { text: progress.text });
    const line = `${Math.floor((progress.value / spec.total) * 100)}% ${progress.text}`;
    if (line !== lastLine) ctx.stdout.write(`${line}\n`);
    lastLine = line;
  };
  try {
    for (;;) {
      const live = (await spec.queue.jobs.find({ $or: spec.jobs }).toArray()) as JobDoc[];
      show(await spec.progress(live.length));
      if (live.length === 0) return "done";
      for (const job of live) {
        const key = String(job._id);
        if (job.failCount && job.failCount > (failures.get(key) ?? 0)) {
          failures.set(key, job.failCount);
          const retry = job.nextRunAt ? `; the worker retries at ${job.nextRunAt.toISOString()}` : "";
          ctx.stderr.write(
            `mergelens: attempt ${job.failCount} failed: ${job.failReason ?? "unknown"}${retry}\n`,
          );
        }
      }
      const waiting = live.some((job) => !job.lockedAt && !job.lastRunAt);
      if (!warnedNoWorker && waiting && performance.now() - started >= timing.pickupWarnMs) {
        warnedNoWorker = true;
        ctx.stderr.write(`mergelens: ${NO_WORKER}\n`);
      }
      if (performance.now() >= deadline) return "timeout";
      await sleep(timing.pollMs);
    }
  } finally {
    bar?.stop();
  }
}

/** The message of a follow that ran out of time: the work goes on without us. */
export const timeoutMessage = (what: string, minutes: number) =>
  `gave up waiting for ${what} after ${minutes} min; the job stays queued and the worker carries on: ` +
  "check `mergelens sync status` later, or run the command again with a longer --timeout";

/** The app's job queue on the CLI's database (only to enqueue: the CLI never processes jobs). */
export async function openQueue(db: { db?: Db }): Promise<Queue> {
  if (!db.db) throw new Error("the database connection is not open");
  return createQueue(db.db);
}
