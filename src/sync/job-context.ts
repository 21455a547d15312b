import type { Logger } from "pino";
import type { ConfigOctokit, LoadedRepoConfig } from "../convert/load-repo-config.js";
import type { GitHubClient, InstallationOctokit } from "../github/index.js";
import type { Store } from "../storage/store.js";
import type { JobName, JobPayload } from "./job-definitions.js";
import type { EnqueueResult } from "./queue.js";

/** One run of a job, as its processor sees it (the worker adapts Agenda's job to this; tests stub it). */
export interface JobRun<P> {
  payload: P;
  /** Failed runs of this job before this one: 0 on a first run. */
  attempt: number;
  /**
   * Call after each unit of work is saved: renews the job's lock and records its progress (0–100).
   * Throws JobPaused once the worker is stopping, so the job ends at a point it can resume from.
   */
  checkpoint(progress?: number): Promise<void>;
}

/**
 * Thrown by `checkpoint` during shutdown, and by the job's GitHub calls once the stopping worker
 * interrupts it: the worker queues the job again at once, for any worker.
 */
export class JobPaused extends Error {
  override name = "JobPaused";
}

/** Thrown by a processor whose work fell behind while it ran: the worker runs the job again at `at`. */
export class RunAgain extends Error {
  override name = "RunAgain";
  constructor(
    message: string,
    readonly at: Date,
  ) {
    super(message);
  }
}

/** What processors need from the outside, injected so tests can point them at a simulator or stubs. */
export interface SyncDeps {
  store: Store;
  /** A GitHub client for one job run (`getInstallationClient`): fresh tokens, its own rate budget. */
  github(installationId: number): Promise<GitHubClient>;
  /** The app's own Octokit (JWT), for app-level endpoints such as webhook deliveries. */
  appOctokit(): Promise<InstallationOctokit>;
  /** Reads `.github/mergelens.yml` (`loadRepoConfigFile`) on a repository-config cache miss. */
  loadRepoConfig(octokit: ConfigOctokit, fullName: string): Promise<LoadedRepoConfig>;
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>): Promise<EnqueueResult>;
  reportError(error: unknown, context: Record<string, unknown>): void;
  log: Logger;
  backfillDays: number;
  /** GraphQL points an open PR's completion leaves untouched; OPEN_PR_RESERVE when absent. */
  openPrReserve?: number;
  /** PRs per GraphQL page; the access layer's default (DEFAULT_PAGE_SIZE) when absent. */
  pageSize?: number;
  now(): Date;
}

export type Processor<N extends JobName> = (run: JobRun<JobPayload<N>>, deps: SyncDeps) => Promise<void>;
