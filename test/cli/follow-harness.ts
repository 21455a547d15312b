import { setTimeout as sleep } from "node:timers/promises";
import { runCli } from "../../src/cli/program.js";
import { parseEnv } from "../../src/config/env.js";
import type { Store } from "../../src/storage/store.js";

/** A CLI run whose output can be watched while it runs, so a fake worker can step in lockstep with it. */
export function liveRun(store: Store, args: string[], timing = { pollMs: 10, pickupWarnMs: 60_000 }) {
  const out = { stdout: "", stderr: "" };
  const done = runCli(args, {
    store: async () => store,
    env: async () => parseEnv({}),
    stdout: { write: (text) => void (out.stdout += text) },
    stderr: { write: (text) => void (out.stderr += text) },
    now: () => new Date(),
    timing,
  });
  return { out, done };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * Stands in for the worker: takes the queued job (locks it), applies each update to our database once
 * the CLI has printed (on stdout or stderr) what it led to, then removes the job as Agenda does when it is done.
 */
export async function fakeWorker(
  store: Store,
  name: string,
  out: { stdout: string; stderr: string },
  steps: { update: () => Promise<unknown>; shows: string }[],
): Promise<void> {
  const jobs = store.db.collection("jobs");
  await until(async () => (await jobs.findOne({ name })) !== null, `a ${name} job`);
  await jobs.updateOne({ name }, { $set: { lockedAt: new Date(), lastRunAt: new Date() } });
  for (const step of steps) {
    await step.update();
    await until(() => `${out.stdout}${out.stderr}`.includes(step.shows), `the CLI to print "${step.shows}"`);
  }
  await jobs.deleteOne({ name });
}
