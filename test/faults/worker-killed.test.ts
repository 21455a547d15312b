import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { completePullRequest } from "../../src/sync/jobs/complete-pull-request.js";
import { createQueue, enqueue, type Queue } from "../../src/sync/queue.js";
import { beginBackfill } from "../../src/sync/repository-state.js";
import type { Store } from "../../src/storage/store.js";
import { useTestDatabase } from "../harness/database.js";
import {
  jobRun,
  simulatorDeps,
  simulatorProbot,
  trackOrg,
  useSimulatedOrg,
} from "../sync/helpers/simulated-github.js";
import { waitFor } from "../sync/helpers/wait-for.js";
import { startWorkerProcess, type WorkerProcess } from "../sync/helpers/worker-process.js";
import { storedSnapshot } from "./helpers/snapshot.js";
import { expireLock } from "./helpers/take-over.js";

/**
 * `npm run worker` killed with SIGKILL (no drain, no release) in the middle of a job, and a second worker
 * taking the job over: the stored data must equal a run without the kill, nothing missing or doubled.
 * The simulated repository has 300 PRs, so some PRs' lists pass 100 and a completion takes rounds.
 */
const { db, sim, repoId, ref, repository } = useSimulatedOrg({ repos: 1, prsPerRepo: 300 });
const reference = useTestDatabase();
let queue: Queue;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo);
});
beforeEach(async () => {
  await queue.jobs.deleteMany({});
  await Promise.all(Object.values(reference.store().db.models).map((model) => model.deleteMany({})));
  await trackOrg(reference.store(), sim().org);
});
afterEach(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await Promise.all(workers.map((worker) => worker.exited));
  workers = [];
});

async function startWorker(): Promise<WorkerProcess> {
  const worker = await startWorkerProcess(sim(), db.dbName);
  workers.push(worker);
  return worker;
}

async function killAndTakeOver(holder: WorkerProcess, job: string): Promise<void> {
  holder.kill("SIGKILL");
  expect(await holder.exited).toMatchObject({ signal: "SIGKILL" });
  await expireLock(queue, job);
  await startWorker();
}

const referenceDeps = (store: Store) => simulatorDeps(store, simulatorProbot(sim()));

it("a backfill whose worker is killed mid-way is finished by a second worker", async () => {
  const startedAt = new Date();
  // The window's newest PRs only, in pages of 3: a few pages, a kill after the second.
  const days = 5;
  await beginBackfill(reference.store(), ref(), days, startedAt);
  await backfillRepository(
    jobRun("backfill-repository", { ...ref(), days }),
    referenceDeps(reference.store()),
  );
  const expected = await storedSnapshot(reference.store(), repoId());
  expect(expected.numbers.length).toBeGreaterThan(6);

  await beginBackfill(db.store(), ref(), days, startedAt);
  await db.store().repositories.updateOne({ repoId: repoId() }, { $set: { "backfill.pageSize": 3 } });
  await enqueue(queue, "backfill-repository", { ...ref(), days });
  const first = await startWorker();
  await waitFor(async () => ((await repository())?.backfill?.pagesDone ?? 0) >= 2, 40_000);
  await killAndTakeOver(first, "backfill-repository");

  await waitFor(async () => (await repository())?.backfill?.completedAt != null, 60_000);
  expect(await storedSnapshot(db.store(), repoId())).toEqual(expected);
  await waitFor(async () => (await queue.jobs.countDocuments({ name: "backfill-repository" })) === 0);
}, 150_000);

it("a completion whose worker is killed between its rounds is finished by a second worker", async () => {
  // The smallest merged PR with a list past 100: its completion needs a second query.
  const pull = sim()
    .org.pulls("web")
    .filter((p) => p.mergedAt && Math.max(p.commits, p.files, p.reviews, p.comments) > 100)
    .sort((a, b) => a.commits + a.files - (b.commits + b.files))[0];
  if (!pull) throw new Error("no PR with a list past 100 in the simulated repository");
  const payload = { ...ref(), number: pull.number };
  await completePullRequest(jobRun("complete-pull-request", payload), referenceDeps(reference.store()));
  const expected = await storedSnapshot(reference.store(), repoId());
  expect(expected.counts.complete).toBe(1);

  // The round after the PR's first query hangs: the first worker dies waiting for it.
  const hang = sim().injectFault({
    kind: "graphqlTimeout",
    delayMs: 60_000,
    match: (request) => request.api === "graphql" && request.body.includes("PullRequestNestedPages"),
  });
  await enqueue(queue, "complete-pull-request", payload);
  const first = await startWorker();
  await waitFor(async () => hang.hits() >= 1, 40_000);
  await killAndTakeOver(first, "complete-pull-request");

  await waitFor(
    async () => (await queue.jobs.countDocuments({ name: "complete-pull-request" })) === 0,
    60_000,
  );
  expect(await storedSnapshot(db.store(), repoId())).toEqual(expected);
}, 150_000);
