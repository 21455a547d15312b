import { testPrivateKey } from "../../harness/private-key.js";
import { Probot, ProbotOctokit } from "probot";
import type { RepositoryRef } from "../../../src/convert/repo-config-cache.js";
import type { Store } from "../../../src/storage/store.js";
import type { PullRequestRef, WebhookDeps } from "../../../src/webhooks/deps.js";
import { registerWebhooks } from "../../../src/webhooks/register.js";

export const WEBHOOK_SECRET = "test-secret";

export function createProbot(): Probot {
  return new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
}

/**
 * Dependencies whose calls the test can read, and whose hooks a test can make fail. The config loader
 * finds no `.github/mergelens.yml` without any HTTP request; tests of the real loader
 * (`loadRepoConfigFile`) put it in `loadRepoConfig` and mock GitHub with nock.
 */
export interface RecordingDeps extends WebhookDeps {
  merged: PullRequestRef[];
  tracked: { installationId: number; repoIds: number[] }[];
  configChanged: RepositoryRef[];
  /** `owner/name` of each config load (cache miss). */
  configLoads: string[];
  errors: { error: unknown; context: Record<string, unknown> }[];
  failMergeHook: boolean;
  failConfigHook: boolean;
}

export function recordingDeps(store: Store): RecordingDeps {
  const deps: RecordingDeps = {
    store,
    merged: [],
    tracked: [],
    configChanged: [],
    configLoads: [],
    errors: [],
    failMergeHook: false,
    failConfigHook: false,
    onPullRequestMerged: async (ref) => {
      deps.merged.push(ref);
      if (deps.failMergeHook) throw new Error("job queue unavailable");
    },
    onRepositoriesTracked: async (installationId, repoIds) => {
      deps.tracked.push({ installationId, repoIds: [...repoIds] });
    },
    onRepoConfigChanged: async (ref) => {
      deps.configChanged.push(ref);
      if (deps.failConfigHook) throw new Error("job queue unavailable");
    },
    loadRepoConfig: async (_octokit, fullName) => {
      deps.configLoads.push(fullName);
      return { raw: null };
    },
    reportError: (error, context) => {
      deps.errors.push({ error, context });
    },
  };
  return deps;
}

export interface TestApp {
  probot: Probot;
  deps: RecordingDeps;
  receive(name: string, payload: object, id?: string): Promise<void>;
}

let deliveries = 0;

/** A real Probot with mergelens' webhooks loaded; `receive` skips the signature check, as Probot's own. */
export async function createTestApp(store: Store): Promise<TestApp> {
  const probot = createProbot();
  const deps = recordingDeps(store);
  await probot.load((app) => registerWebhooks(app, deps), { cwd: process.cwd(), addHandler: () => {} });
  return {
    probot,
    deps,
    receive: (name, payload, id = `delivery-${++deliveries}`) =>
      // Event names arrive as strings from the fixtures; Probot routes on them at run time.
      probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]),
  };
}
