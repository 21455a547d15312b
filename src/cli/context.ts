import type { Store } from "../storage/store.js";

/** What every command needs from outside, passed in so tests run commands in-process on a test DB. */
export interface Output {
  write(text: string): void;
}

export interface CliContext {
  /** Opened on first use, so `--help` and usage errors never touch a database. */
  store: () => Promise<Store>;
  stdout: Output;
  stderr: Output;
  now: () => Date;
}
