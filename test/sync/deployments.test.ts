import { getDora } from "../../src/query/dora.js";
import type { Simulator } from "../../src/simulator/server.js";
import { backfillRepository } from "../../src/sync/jobs/backfill-repository.js";
import { syncInstallation } from "../../src/sync/jobs/sync-installation.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import {
  countOperations,
  jobRun,
  simulatorDeps,
  simulatorProbot,
  startTestSimulator,
  trackOrg,
  type TestDeps,
} from "./helpers/simulated-github.js";

const db = useTestDatabase();
let sim: Simulator;
let deps: TestDeps;
const DAYS = 30;
const DAY = 24 * 3_600_000;

// A fresh organisation per test: the tests add deployments and statuses to it.
beforeEach(async () => {
  sim = await startTestSimulator({ repos: 1, prsPerRepo: 12 });
  await clearStore(db.store());
  await trackOrg(db.store(), sim.org);
  deps = simulatorDeps(db.store(), simulatorProbot(sim), { backfillDays: DAYS, pageSize: 20 });
});
afterEach(() => sim.stop());

const repo = () => sim.org.repos[0];
const ref = () => ({ installationId: sim.org.installationId, repoId: repo().id });
const backfill = () => backfillRepository(jobRun("backfill-repository", { ...ref(), days: DAYS }), deps);
const sync = () =>
  syncInstallation(jobRun("sync-installation", { installationId: ref().installationId }), deps);
const storedDeployments = () =>
  db.store().deployments.find({ repoId: repo().id }).sort({ deploymentId: 1 }).lean();

/** What GitHub holds: each deployment's id and its statuses' states, oldest status first. */
function onGitHub(createdSince: number): Array<{ deploymentId: number; states: string[] }> {
  return sim.org
    .deployments(repo().name)
    .filter((deployment) => deployment.createdAt >= createdSince)
    .map((deployment) => ({
      deploymentId: deployment.id,
      states: [...deployment.statuses]
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((status) => status.state),
    }))
    .sort((a, b) => a.deploymentId - b.deploymentId);
}

async function stored(): Promise<Array<{ deploymentId: number; states: string[] }>> {
  return (await storedDeployments()).map((deployment) => ({
    deploymentId: deployment.deploymentId,
    states: [...deployment.statuses]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((status) => status.state),
  }));
}

/** `count` deployments to production and staging `spacingMs` apart, the newest at `newest`. */
function addDeployments(count: number, newest: number, spacingMs = 3 * 3_600_000): void {
  for (let i = 0; i < count; i++) {
    sim.org.addDeployment(repo().name, {
      environment: i % 2 === 0 ? "production" : "staging",
      at: newest - i * spacingMs,
      states: ["queued", "in_progress", i % 5 === 0 ? "failure" : "success"],
    });
  }
}

describe("deployments in backfill and sync", () => {
  it("backfills every deployment of the window with every status, paged past 100", async () => {
    addDeployments(130, Date.now() - DAY);
    // One deployment with more statuses than a page of them holds.
    const busy = sim.org.addDeployment(repo().name, {
      environment: "production",
      at: Date.now() - 2 * DAY,
      states: Array.from({ length: 130 }, (_, i) => (i % 2 === 0 ? "in_progress" : "queued")),
    });
    const operations = countOperations(sim);

    await backfill();

    const expected = onGitHub(Date.now() - DAYS * DAY);
    expect(expected.length).toBeGreaterThan(100);
    expect(await stored()).toEqual(expected);
    expect(expected.find((one) => one.deploymentId === busy.id)?.states).toHaveLength(130);
    expect(operations.counts.get("DeploymentsPage")).toBe(2);
    expect(operations.counts.get("DeploymentStatusPages")).toBe(1);
  });

  it("syncs deployments created since the last sync, paged past 100", async () => {
    await backfill();
    const before = (await storedDeployments()).length;
    // Deployed after the backfill (which was the last sync), a minute apart.
    addDeployments(120, Date.now() + 121 * 60_000, 60_000);
    const operations = countOperations(sim);

    await sync();

    expect((await storedDeployments()).length).toBe(before + 120);
    expect(await stored()).toEqual(onGitHub(Date.now() - DAYS * DAY));
    expect(operations.counts.get("DeploymentsPage")).toBe(2);
  });

  it("picks up a status given to a deployment after the last sync (a later failure)", async () => {
    addDeployments(3, Date.now() - 2 * DAY);
    await backfill();
    const [target] = sim.org
      .deployments(repo().name)
      .filter(
        (deployment) =>
          deployment.environment === "production" && deployment.createdAt > Date.now() - 3 * DAY,
      )
      .filter((deployment) => deployment.statuses.at(-1)?.state === "success");
    const since = new Date(Date.now() - 4 * DAY);
    const until = new Date(Date.now() + DAY);
    const rateBefore = (await getDora(db.store(), ref().installationId, { since, until })).changeFailureRate;

    sim.org.addDeploymentStatus(target.id, "failure", Date.now());
    await sync();

    const [after] = (await storedDeployments()).filter((one) => one.deploymentId === target.id);
    expect(after.statuses.map((status) => status.state)).toContain("failure");
    const rateAfter = (await getDora(db.store(), ref().installationId, { since, until })).changeFailureRate;
    expect(rateAfter).toBeGreaterThan(rateBefore ?? 0);
  });

  it("takes production to be the repository's productionEnvironment pattern", async () => {
    addDeployments(10, Date.now() - DAY);
    const since = new Date(Date.now() - DAYS * DAY);
    const until = new Date(Date.now() + DAY);
    const inRange = (environment: string) =>
      sim.org
        .deployments(repo().name)
        .filter((one) => one.environment === environment && one.createdAt >= since.getTime()).length;
    repo().config = 'productionEnvironment: "^stag"\n';

    await backfill();

    const dora = await getDora(db.store(), ref().installationId, { since, until });
    expect(inRange("staging")).not.toBe(inRange("production"));
    expect(dora.deploymentsCount).toBe(inRange("staging"));
  });
});
