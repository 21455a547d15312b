import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { Collection } from "mongodb";
import type { InboxBatch } from "../../../src/storage/models/inbox-batch.js";
import type { Store } from "../../../src/storage/store.js";
import type { WebhookDeps } from "../../../src/webhooks/deps.js";
import { createInboxWriter, inboxCollection, inboxStorage } from "../../../src/storage/inbox/index.js";
import { createInboxProcessor } from "../../../src/webhooks/apply/processor.js";
import type { CompletionTarget, PullRequestRef, RepositoryKey } from "../../../src/records/types.js";
import { clearStore, useTestDatabase } from "../../harness/database.js";
import { testPrivateKey } from "../../harness/private-key.js";

export const WEBHOOK_SECRET = "test-secret";
const silentLog = pino({ level: "silent" });

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
  /** What `onCompletionNeeded` was asked to complete (open PRs, force-pushed branches). */
  completions: CompletionTarget[];
  tracked: { installationId: number; repoIds: number[] }[];
  configChanged: RepositoryKey[];
  /** `owner/name` of each config load (cache miss). */
  configLoads: string[];
  errors: { error: unknown; context: Record<string, unknown> }[];
  failMergeHook: boolean;
  failConfigHook: boolean;
}

const freshRecording = () => ({
  merged: [],
  completions: [],
  tracked: [],
  configChanged: [],
  configLoads: [],
  errors: [],
  failMergeHook: false,
  failConfigHook: false,
});

/** `storeOf` is read at each delivery, so the deps can exist before the test database is open. */
export function recordingDeps(storeOf: () => Store, probot: Probot = createProbot()): RecordingDeps {
  const deps: RecordingDeps = {
    get store() {
      return storeOf();
    },
    ...freshRecording(),
    onPullRequestMerged: async (ref) => {
      deps.merged.push(ref);
      if (deps.failMergeHook) throw new Error("job queue unavailable");
    },
    onCompletionNeeded: async (target) => {
      deps.completions.push(target);
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
    octokitFor: (installationId) => probot.auth(installationId),
    reportError: (error, context) => {
      deps.errors.push({ error, context });
    },
  };
  return deps;
}

export interface TestApp {
  probot: Probot;
  deps: RecordingDeps;
  /** Stores the delivery in the inbox as the webhook route does, then applies the inbox as a worker. */
  receive(name: string, payload: object, id?: string): Promise<void>;
  /** Ends the backoff of deliveries that failed, and applies the inbox again (a worker's next try). */
  retryNow(): Promise<void>;
}

let deliveries = 0;

/** What a worker finds once every backoff has run out: each pending batch and delivery due now. */
async function endBackoffs(inbox: Collection<InboxBatch>): Promise<void> {
  for (const batch of await inbox.find({ state: "pending" }).toArray()) {
    const retries = Object.keys(batch.progress ?? {}).map((index) => [
      `progress.${index}.retryAt`,
      new Date(0),
    ]);
    await inbox.updateOne(
      { _id: batch._id },
      { $set: { availableAt: new Date(0), ...(Object.fromEntries(retries) as Record<string, Date>) } },
    );
  }
}

/** The inbox path of a real deployment, minus HTTP and signatures (test/webhooks/http.test.ts has those). */
function inboxTestApp(storeOf: () => Store): TestApp {
  const probot = createProbot();
  const deps = recordingDeps(storeOf, probot);
  return {
    probot,
    deps,
    async receive(name, payload, id = `delivery-${++deliveries}`) {
      const store = storeOf();
      const writer = createInboxWriter(inboxStorage(store), { timeoutMs: 5_000 });
      const action = (payload as { action?: unknown }).action;
      const installation = (payload as { installation?: { id?: unknown } }).installation;
      await writer.write({
        id,
        event: name,
        action: typeof action === "string" ? action : null,
        installationId: typeof installation?.id === "number" ? installation.id : null,
        payload: JSON.stringify(payload),
        receivedAt: new Date(),
      });
      await createInboxProcessor({ ...deps, log: silentLog }).drain();
    },
    async retryNow() {
      await endBackoffs(inboxCollection(storeOf()));
      await createInboxProcessor({ ...deps, log: silentLog }).drain();
    },
  };
}

/** The inbox path on a store, for a test that wants an app of its own. */
export async function createTestApp(store: Store): Promise<TestApp> {
  return inboxTestApp(() => store);
}
/**
 * The test file's database and one app on it for the whole file. Before each
 * test the database is emptied and the app's recordings, failure switches and hooks start afresh, so a
 * test that replaces a hook or makes one fail does not leak into the next.
 */
export function useTestApp(): { db: ReturnType<typeof useTestDatabase>; app: TestApp } {
  const db = useTestDatabase();
  const app = inboxTestApp(() => db.store());
  let pristine: Omit<RecordingDeps, "store">;
  beforeAll(() => {
    const { store: _store, ...withoutStore } = app.deps;
    pristine = withoutStore;
  });
  beforeEach(async () => {
    await clearStore(db.store());
    Object.assign(app.deps, pristine, freshRecording());
  });
  return { db, app };
}
