import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import type { Store } from "../../../src/storage/store.js";
import type { PullRequestRef, WebhookDeps } from "../../../src/webhooks/deps.js";
import { registerWebhooks } from "../../../src/webhooks/register.js";

export const WEBHOOK_SECRET = "test-secret";

let privateKey: string | undefined;

/** One key per test file: generating RSA keys is slow and any key will do (no request is signed). */
function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}

export function createProbot(): Probot {
  return new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
}

/** Dependencies whose calls the test can read, and whose merge hook a test can make fail. */
export interface RecordingDeps extends WebhookDeps {
  merged: PullRequestRef[];
  errors: { error: unknown; context: Record<string, unknown> }[];
  failMergeHook: boolean;
}

export function recordingDeps(store: Store): RecordingDeps {
  const deps: RecordingDeps = {
    store,
    merged: [],
    errors: [],
    failMergeHook: false,
    onPullRequestMerged: async (ref) => {
      deps.merged.push(ref);
      if (deps.failMergeHook) throw new Error("job queue unavailable");
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
