import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../storage/store.js";

/** One repository's backfill, as the repositories collection records it (src/sync/repository-state.ts). */
export interface RepoProgress {
  fullName: string;
  syncStatus: string;
  progress: number;
  prsStored: number;
  error: string | null;
}

export async function readProgress(store: Store, installationId: number): Promise<RepoProgress[]> {
  const repos = await store.repositories.find({ installationId }).sort({ fullName: 1 }).lean();
  return repos.map((repo) => ({
    fullName: repo.fullName,
    syncStatus: repo.syncStatus,
    progress: repo.backfill?.progress ?? 0,
    prsStored: repo.backfill?.prsStored ?? 0,
    error: repo.lastSyncError ?? null,
  }));
}

const isDone = (repo: RepoProgress) => repo.syncStatus === "complete" || repo.syncStatus === "error";

/** Polls until each of the `expected` repositories is complete (or failed); calls `onChange` as it goes. */
export async function waitForBackfill(options: {
  store: Store;
  installationId: number;
  expected: number;
  timeoutMs?: number;
  intervalMs?: number;
  onChange?: (repos: RepoProgress[]) => void;
  signal?: AbortSignal;
}): Promise<RepoProgress[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let last = "";
  for (;;) {
    const repos = await readProgress(options.store, options.installationId);
    const snapshot = JSON.stringify(repos);
    if (snapshot !== last) {
      last = snapshot;
      options.onChange?.(repos);
    }
    if (repos.length >= options.expected && repos.every(isDone)) return repos;
    if (Date.now() > deadline) throw new Error("the backfill did not finish in time");
    await sleep(options.intervalMs ?? 500, undefined, { signal: options.signal });
  }
}

const bar = (percent: number, width = 20): string => {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
};

/** One line per repository, e.g. `  acme/web    [########------------]  40%  syncing   52 PRs`. */
export function formatProgress(repos: RepoProgress[]): string {
  const width = Math.max(...repos.map((repo) => repo.fullName.length), 0);
  return repos
    .map((repo) => {
      const percent = repo.syncStatus === "complete" ? 100 : Math.round(repo.progress);
      const status = repo.syncStatus === "error" ? `error: ${repo.error ?? "unknown"}` : repo.syncStatus;
      return `  ${repo.fullName.padEnd(width)}  ${bar(percent)} ${String(percent).padStart(3)}%  ${status.padEnd(8)} ${repo.prsStored} PRs`;
    })
    .join("\n");
}

/** `Ready: acme/web 84 PRs, acme/api 79 PRs`. */
export function formatSummary(repos: RepoProgress[]): string {
  const parts = repos.map((repo) => `${repo.fullName} ${repo.prsStored} PRs`);
  const failed = repos.filter((repo) => repo.syncStatus === "error").length;
  return `Ready: ${parts.join(", ")}${failed > 0 ? ` (${failed} failed: see above)` : ""}`;
}
