import type { Env } from "../config/env.js";
import type { Store } from "../storage/store.js";

/** What every command needs from outside, passed in so tests run commands in-process on a test DB. */
export interface Output {
  write(text: string): void;
}

/** How long-running commands poll the database while they follow a queued job. */
export interface FollowTiming {
  /** Between two reads of the job and the repository. */
  pollMs: number;
  /** A job not picked up after this long probably has no worker: warn (and keep waiting). */
  pickupWarnMs: number;
}

export const DEFAULT_FOLLOW_TIMING: FollowTiming = { pollMs: 1000, pickupWarnMs: 15_000 };

export interface CliContext {
  /** Opened on first use, so `--help` and usage errors never touch a database. */
  store: () => Promise<Store>;
  /** The validated environment (`parseEnv`), read on first use like the database (its module too). */
  env: () => Promise<Pick<Env, "BACKFILL_DAYS">>;
  stdout: Output;
  stderr: Output;
  now: () => Date;
  /** stdout when it is a terminal: progress is then drawn as a bar on it, else printed as plain lines. */
  tty?: NodeJS.WriteStream;
  timing?: FollowTiming;
}
