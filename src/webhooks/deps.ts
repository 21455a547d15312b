import type { ConfigOctokit, LoadedRepoConfig } from "../convert/load-repo-config.js";
import type { CompletionTarget, PullRequestRef, RepositoryKey } from "../records/types.js";
import type { Store } from "../storage/store.js";

/** Collaborators the webhook side receives, so tests and the entry points can each wire their own. */
export interface WebhookDeps {
  store: Store;
  /** Called after a merged PR is stored; must be idempotent (a replay calls it again). */
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
  onRepoConfigChanged: (ref: RepositoryKey) => Promise<void>;
  /** Reads `.github/mergelens.yml` (`loadRepoConfigFile`); on a cache miss only. */
  loadRepoConfig: (octokit: ConfigOctokit, fullName: string) => Promise<LoadedRepoConfig>;
  /** An installation's client for reading config files, made only when a file must be read. */
  octokitFor: (installationId: number) => Promise<ConfigOctokit>;
  /** Sentry (or a test spy): failures that should reach a human without stopping the process. */
  reportError: (error: unknown, context: Record<string, unknown>) => void;
}
