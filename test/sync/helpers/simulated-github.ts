import { pino } from "pino";
import { Probot } from "probot";
import { loadRepoConfigFile } from "../../../src/convert/load-repo-config.js";
import {
  createOctokitClass,
  getInstallationClient,
  type OctokitSettings,
} from "../../../src/github/index.js";
import type { SimulatedOrg } from "../../../src/simulator/generate-org.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../src/simulator/server.js";
import type { Store } from "../../../src/storage/store.js";
import type { JobRun, SyncDeps } from "../../../src/sync/job-context.js";
import type { JobName, JobPayload } from "../../../src/sync/job-definitions.js";
import { clearStore, useTestDatabase } from "../../harness/database.js";
import { testPrivateKey } from "../../harness/private-key.js";

export const silentLog = pino({ level: "silent" });

/**
 * A Probot for the simulator. Throttling is off unless a test wants it: the plugin spaces GraphQL calls a
 * second apart. plugin-retry is off too (its 1 s, 4 s, 9 s waits); the access layer shrinks pages itself.
 */
export function simulatorProbot(sim: Simulator, settings: OctokitSettings = {}): Probot {
  return new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    baseUrl: `${sim.url}/api/v3`,
    logLevel: "fatal",
    Octokit: createOctokitClass({ throttling: false, retry: { enabled: false }, ...settings }),
  });
}

export interface TestDeps extends SyncDeps {
  enqueued: Array<{ name: JobName; payload: unknown }>;
  reported: Array<{ error: unknown; context: Record<string, unknown> }>;
}

/** Processor dependencies over the simulator, with enqueues and error reports recorded. */
export function simulatorDeps(store: Store, app: Probot, overrides: Partial<SyncDeps> = {}): TestDeps {
  const enqueued: TestDeps["enqueued"] = [];
  const reported: TestDeps["reported"] = [];
  return {
    store,
    github: (installationId) => getInstallationClient(app, installationId),
    appOctokit: () => app.auth(),
    loadRepoConfig: loadRepoConfigFile,
    enqueue: async (name, payload) => {
      enqueued.push({ name, payload });
      return "queued";
    },
    reportError: (error, context) => reported.push({ error, context }),
    log: silentLog,
    backfillDays: 90,
    // Small pages, so a few PRs make several: the embedded test database stores ~500 records a second.
    pageSize: 3,
    now: () => new Date(),
    enqueued,
    reported,
    ...overrides,
  };
}

/** A JobRun for calling a processor directly; counts checkpoints and can pause at one. */
export function jobRun<N extends JobName>(
  _name: N,
  payload: JobPayload<N>,
  options: { attempt?: number; onCheckpoint?: (count: number) => void | Promise<void> } = {},
): JobRun<JobPayload<N>> & { checkpoints: number[] } {
  const checkpoints: number[] = [];
  return {
    payload,
    attempt: options.attempt ?? 0,
    checkpoints,
    checkpoint: async (progress) => {
      checkpoints.push(progress ?? -1);
      await options.onCheckpoint?.(checkpoints.length);
    },
  };
}

/** Tracks the simulated organisation's installation and repositories, as its webhooks would have. */
export async function trackOrg(store: Store, org: SimulatedOrg): Promise<void> {
  await store.installations.create({
    installationId: org.installationId,
    account: { id: org.id, login: org.login, type: "Organization" },
    repositorySelection: "all",
  });
  await store.repositories.create(
    org.repos.map((repo) => ({
      installationId: org.installationId,
      repoId: repo.id,
      fullName: repo.fullName,
      private: repo.private,
    })),
  );
}

/** The PR numbers GitHub would list for a backfill of the repository from `since`. */
export function pullsUpdatedSince(org: SimulatedOrg, repo: string, since: Date): number[] {
  return org
    .pulls(repo)
    .filter((pull) => pull.updatedAt >= since.getTime())
    .map((pull) => pull.number)
    .sort((a, b) => a - b);
}

export async function startTestSimulator(options: SimulatorOptions): Promise<Simulator> {
  return startSimulator({ seed: "sync", ...options });
}

/** GraphQL requests by operation name, counted from the request bodies the simulator receives. */
export function countOperations(sim: Simulator): { counts: Map<string, number>; numbers: number[] } {
  const counts = new Map<string, number>();
  const numbers: number[] = [];
  sim.injectFault({
    kind: "5xx",
    times: Infinity,
    match: (request) => {
      if (request.api !== "graphql") return false;
      const operation = /query\s+(\w+)/.exec(request.body)?.[1] ?? "unknown";
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      const number = /"number":(\d+)/.exec(request.body)?.[1];
      if (operation === "PullRequestByNumber" && number) numbers.push(Number(number));
      return false; // count only: never fail
    },
  });
  return { counts, numbers };
}

/**
 * A test file's database and simulated organisation: one simulator for the file, and before each test a
 * store that tracks only the organisation, with no faults and no request counts left by an earlier test.
 * Accessors, since the simulator and the store exist only once the hooks have run.
 */
export function useSimulatedOrg(options: SimulatorOptions) {
  const db = useTestDatabase();
  let started: Simulator | undefined;

  beforeAll(async () => {
    started = await startTestSimulator(options);
  });
  afterAll(() => started?.stop());
  beforeEach(async () => {
    sim().clearFaults();
    sim().resetStats();
    await clearStore(db.store());
    await trackOrg(db.store(), sim().org);
  });

  const sim = (): Simulator => {
    if (!started) throw new Error("the simulator is not started yet (use it inside a test or hook)");
    return started;
  };
  /** The organisation's first repository, the one these tests sync. */
  const repoId = () => sim().org.repos[0].id;
  const ref = () => ({ installationId: sim().org.installationId, repoId: repoId() });
  const repository = () => db.store().repositories.findOne({ repoId: repoId() }).lean();
  const storedNumbers = async () =>
    (await db.store().pullRequests.find({ repoId: repoId() }, { number: 1 }).lean())
      .map((pr) => pr.number)
      .sort((a, b) => a - b);

  return { db, sim, repoId, ref, repository, storedNumbers };
}
