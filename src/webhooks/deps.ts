import type { ConfigOctokit, LoadedRepoConfig } from "../convert/load-repo-config.js";
import type { RepositoryRef } from "../convert/repo-config-cache.js";
import type { Store } from "../storage/store.js";

/** Identifies a pull request across the app: what the merge hook and later jobs are keyed by. */
export interface PullRequestRef {
  installationId: number;
  repoId: number;
  /** `owner/name`. */
  repo: string;
  number: number;
}

/**
 * An open PR whose stored lists may be stale: one PR by number, or every open PR whose head is a branch
 * that was force-pushed (a push names the branch, not the PR).
 */
export type CompletionTarget =
  | (PullRequestRef & { headRef?: undefined })
  | { installationId: number; repoId: number; repo: string; headRef: string; number?: undefined };

/** Collaborators the webhook handlers receive, so tests and the entry point can each wire their own. */
export interface WebhookDeps {
  store: Store;
  /** Called after a merged PR is stored; must be idempotent (a redelivery calls it again). */
  onPullRequestMerged: (ref: PullRequestRef) => Promise<void>;
  /**
   * Called after an open PR changed in a way its commits, files or checks may follow (see
   * `needsCompletion`): queues one debounced completion per PR, so a burst of pushes costs one fetch.
   */
  onCompletionNeeded: (target: CompletionTarget) => Promise<void>;
  /** Called after an installation is created or repositories are added: their history gets backfilled. */
  onRepositoriesTracked: (installationId: number, repoIds: readonly number[]) => Promise<void>;
  /**
   * Called when a push changed a repository's effective `.github/mergelens.yml` (its cache already
   * holds the new config): every PR of the repository needs its metrics recomputed.
   */
  onRepoConfigChanged: (ref: RepositoryRef) => Promise<void>;
  /** Reads `.github/mergelens.yml` with the delivery's octokit (`loadRepoConfigFile`); on a cache miss only. */
  loadRepoConfig: (octokit: ConfigOctokit, fullName: string) => Promise<LoadedRepoConfig>;
  /** Sentry (or a test spy): failures that should reach a human without stopping the process. */
  reportError: (error: unknown, context: Record<string, unknown>) => void;
}
