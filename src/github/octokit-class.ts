import { ProbotOctokit, type Probot } from "probot";

/** What `app.auth(installationId)` returns: Probot's Octokit with throttling, retry and REST pagination. */
export type InstallationOctokit = Awaited<ReturnType<Probot["auth"]>>;

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

export interface OctokitSettings {
  /** How often a secondary rate limit is waited out (GitHub's `retry-after`) before the job gives up. */
  secondaryRetries?: number;
  /** Longer `retry-after` values are not slept on: the job ends with RateLimitReservedError instead. */
  maxRetryAfterSeconds?: number;
  /** Off only in tests that count requests one by one: the plugin spaces GraphQL calls 1 s apart. */
  throttling?: boolean;
  /** plugin-retry's options (tests turn its 1 s, 4 s, 9 s backoff off). */
  retry?: { enabled?: boolean; retries?: number };
}

/**
 * The Octokit class the app gives Probot (`new Probot({ Octokit: createOctokitClass() })` or
 * `createProbot({ overrides: { Octokit } })`). Secondary limits are honoured in-process (a bounded number
 * of waits of GitHub's `retry-after`); the primary limit is never slept on: the error reaches
 * classifyError as RateLimitReservedError and the job is rescheduled for the reset time.
 */
export function createOctokitClass(settings: OctokitSettings = {}): typeof ProbotOctokit {
  const { secondaryRetries = 2, maxRetryAfterSeconds = 120, throttling = true } = settings;
  const handlers = {
    onRateLimit: () => false,
    onSecondaryRateLimit: (
      retryAfter: number,
      options: { method: string; url: string },
      octokit: InstallationOctokit,
      retryCount: number,
    ) => {
      const retry = retryCount < secondaryRetries && retryAfter <= maxRetryAfterSeconds;
      octokit.log.warn(
        `Secondary rate limit on ${options.method} ${options.url}: ${retry ? `retrying in ${retryAfter} s` : "giving up"}`,
      );
      return retry;
    },
  };
  // A function, not an object: Probot passes its own handlers (which sleep until the reset) on every
  // construction, and an object default would lose to them.
  return ProbotOctokit.defaults((options: OctokitOptions) => ({
    ...options,
    throttle: { ...options.throttle, ...handlers, ...(throttling ? {} : { enabled: false }) },
    retry: { ...options.retry, ...settings.retry },
  }));
}
