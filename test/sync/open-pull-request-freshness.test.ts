import { createSyncHooks } from "../../src/sync/hooks.js";
import { RunAgain } from "../../src/sync/job-context.js";
import { completePullRequest } from "../../src/sync/jobs/complete-pull-request.js";
import { createQueue, type Queue } from "../../src/sync/queue.js";
import { startWorker, type Worker } from "../../src/sync/worker.js";
import { simulatedWebhooks } from "./helpers/simulated-deliveries.js";
import {
  countOperations,
  jobRun,
  silentLog,
  simulatorDeps,
  simulatorProbot,
  useSimulatedOrg,
} from "./helpers/simulated-github.js";
import { waitFor } from "./helpers/wait-for.js";

/**
 * Open PRs kept current (issue 11): deliveries through mergelens' real webhook routes, a real queue and
 * worker, and the simulator as GitHub. The debounce is a second here, or a minute where a test must see
 * the job wait (it then brings the job's time forward itself, as the debounce running out would).
 */
const { db, sim, repoId, ref: repoRef } = useSimulatedOrg({ repos: 1, prsPerRepo: 12 });
let queue: Queue;
let worker: Worker;

beforeAll(async () => {
  const mongo = db.connection().db;
  if (!mongo) throw new Error("no database handle");
  queue = await createQueue(mongo, { processEvery: 100 });
  worker = await startWorker({
    queue,
    store: db.store(),
    app: simulatorProbot(sim()),
    env: { BACKFILL_DAYS: 60, SYNC_SCHEDULE: "0 4 * * *" },
    log: silentLog,
    reportError: () => undefined,
    lockLifetimeMs: 2000,
  });
});
afterAll(() => worker.stop());
beforeEach(() => queue.jobs.deleteMany({ repeatInterval: null }));

const webhooks = (debounceSeconds: number) =>
  simulatedWebhooks(
    sim(),
    db.store(),
    createSyncHooks(queue, { BACKFILL_DAYS: 60, OPEN_PR_DEBOUNCE_SECONDS: debounceSeconds }, db.store()),
  );
const repoName = () => sim().org.repos[0].name;
const key = (number: number) => ({ ...repoRef(), number });
const storedPr = (number: number) => db.store().pullRequests.findOne(key(number)).lean();
/** The PR once stored complete with its metrics (`dataComplete` is set a moment before they are derived). */
const completed = (number: number) =>
  waitFor(async () => {
    const pr = await storedPr(number);
    return pr?.dataComplete && pr.metrics.commitsCount !== null ? pr : null;
  });
const storedShas = async (number: number) =>
  (
    await db
      .store()
      .commits.find({ ...repoRef(), prNumber: number }, { sha: 1 })
      .lean()
  )
    .map((commit) => commit.sha)
    .sort();
const completionJobs = (number: number) =>
  queue.jobs.find({ name: "complete-pull-request", "data.number": number }).toArray();
/** As if the debounce had run out: the waiting job becomes due now. */
const runNow = (number: number) =>
  queue.jobs.updateOne(
    { name: "complete-pull-request", "data.number": number },
    { $set: { nextRunAt: new Date() } },
  );

describe("an open PR's completion", () => {
  it("completes a PR opened by webhook once the debounce runs out", async () => {
    const hooks = await webhooks(1);
    const pull = sim().org.addPullRequest(repoName(), { title: "Add the export button" });
    const delivered = Date.now();

    await hooks.pullRequest("opened", pull.number);

    const [job] = await completionJobs(pull.number);
    expect(job.nextRunAt.getTime()).toBeGreaterThanOrEqual(delivered + 1000);
    expect(await storedPr(pull.number)).toMatchObject({
      dataComplete: false,
      metrics: { commitsCount: null },
    });
    const complete = await completed(pull.number);
    expect(complete.metrics).toMatchObject({ commitsCount: pull.commits });
    expect(complete.metrics.codingTimeHours).not.toBeNull();
    expect(await storedShas(pull.number)).toHaveLength(pull.commits);
  });

  it("coalesces ten pushes into one fetch of the newest head", async () => {
    const hooks = await webhooks(60);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("opened", pull.number);
    const ops = countOperations(sim());

    for (let push = 0; push < 10; push += 1) {
      sim().org.forcePush(repoName(), pull.number);
      await hooks.pullRequest("synchronize", pull.number);
    }

    expect(await completionJobs(pull.number)).toHaveLength(1);
    await runNow(pull.number);
    const complete = await completed(pull.number);
    expect(complete.headSha).toBe(pull.headSha);
    expect(complete.metrics).toMatchObject({ commitsCount: pull.commits });
    expect(ops.numbers).toEqual([pull.number]);
  });

  it("removes the commits a forced push took off the branch", async () => {
    const hooks = await webhooks(1);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("opened", pull.number);
    await completed(pull.number);
    const before = await storedShas(pull.number);
    expect(before).toHaveLength(pull.commits);

    sim().org.forcePush(repoName(), pull.number);
    await hooks.forcedPush(pull.number);

    // Derived last, after the vanished commits are deleted: the completion has finished.
    await waitFor(async () => (await storedPr(pull.number))?.metrics.commitsCount === pull.commits);
    const after = await storedShas(pull.number);
    expect(after).toContain(pull.headSha);
    expect(after).toHaveLength(pull.commits);
    expect(after.filter((sha) => before.includes(sha))).toEqual([]);
  });

  it("lets a merge take over a waiting completion: one job, one fetch, no wait", async () => {
    const hooks = await webhooks(60);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("opened", pull.number);
    const ops = countOperations(sim());

    sim().org.mergePullRequest(repoName(), pull.number);
    await hooks.pullRequest("closed", pull.number);

    const complete = await completed(pull.number);
    expect(complete.state).toBe("merged");
    expect(ops.numbers).toEqual([pull.number]);
    await waitFor(async () => (await completionJobs(pull.number)).length === 0);
  });

  it("queues nothing for deliveries that change no list, nor for a closed PR", async () => {
    const hooks = await webhooks(60);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("labeled", pull.number, { label: { name: "ui" } });
    await hooks.pullRequest("edited", pull.number, { changes: { title: { from: "Old" } } });
    expect(await completionJobs(pull.number)).toHaveLength(0);

    await hooks.pullRequest("edited", pull.number, { changes: { base: { ref: { from: "develop" } } } });
    expect(await completionJobs(pull.number)).toHaveLength(1);
    expect(await storedPr(pull.number)).toMatchObject({ repoId: repoId(), state: "open" });
  });

  it("skips an open PR below the rate reserve (the scheduled sync catches up), never a merged one", async () => {
    const hooks = await webhooks(60);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("opened", pull.number);
    await queue.jobs.deleteMany({ name: "complete-pull-request" });
    const merged = sim()
      .org.pulls(repoName())
      .find((candidate) => candidate.mergedAt !== null);
    if (!merged) throw new Error("no merged PR in the simulated repository");
    // A reserve above GitHub's whole hourly budget: always below it.
    const deps = simulatorDeps(db.store(), simulatorProbot(sim()), { openPrReserve: 1_000_000 });
    const ops = countOperations(sim());

    await completePullRequest(jobRun("complete-pull-request", key(pull.number)), deps);
    expect(ops.numbers).toEqual([]);
    expect(sim().stats().byRoute["GET /rate_limit"]).toBe(1);
    expect(await storedPr(pull.number)).toMatchObject({ dataComplete: false });

    await completePullRequest(jobRun("complete-pull-request", key(merged.number)), deps);
    expect(ops.numbers).toEqual([merged.number]);
    expect(await storedPr(merged.number)).toMatchObject({ state: "merged", dataComplete: true });
  });

  it("runs again when a newer delivery landed while it fetched", async () => {
    const hooks = await webhooks(60);
    const pull = sim().org.addPullRequest(repoName());
    await hooks.pullRequest("opened", pull.number);
    await queue.jobs.deleteMany({ name: "complete-pull-request" });
    // What a `synchronize` stored mid-fetch leaves: a head and an update newer than GitHub answered.
    const newer = { headSha: "f".repeat(40), updatedAt: new Date(pull.updatedAt + 60_000) };
    await db.store().pullRequests.updateOne(key(pull.number), { $set: newer });
    const deps = simulatorDeps(db.store(), simulatorProbot(sim()));

    const before = Date.now();
    const error = await completePullRequest(jobRun("complete-pull-request", key(pull.number)), deps).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(RunAgain);
    expect((error as RunAgain).at.getTime()).toBeGreaterThan(before);
    // The newer delivery's head stays: the next run fetches what it names.
    expect(await storedPr(pull.number)).toMatchObject(newer);
  });
});
