import type { DeploymentRecord } from "../../src/records/types.js";
import { writeDeployments } from "../../src/storage/write/deployments.js";
import { recordAccess } from "../../src/storage/write/access.js";
import { clearStore } from "../harness/database.js";
import { at, deploymentRecord, REPO } from "../harness/factories.js";
import { isPointWrite, useMonitoredDatabase } from "../harness/query-plans.js";

const db = useMonitoredDatabase();
beforeEach(async () => {
  await clearStore(db.store());
  db.sent.length = 0;
});

const stored = () => db.store().deployments.find({}, { _id: 0 }).sort({ deploymentId: 1 }).lean();
const status = (state: string, iso: string, statusId: number | null = null) => ({
  statusId,
  state,
  createdAt: at(iso),
});

describe("writeDeployments", () => {
  it("stores new deployments with their statuses in one bulk write, and a repeat writes no deployment", async () => {
    const deployments = [101, 102, 103].map((deploymentId) =>
      deploymentRecord({
        deploymentId,
        statuses: [status("queued", "2026-03-02T10:00:00Z"), status("success", "2026-03-02T10:05:00Z")],
      }),
    );
    expect(await writeDeployments(db.store(), deployments)).toEqual({
      inserted: 3,
      updated: 0,
      statusesAdded: 0,
      refused: 0,
    });
    // DORA's weeks are rebuilt all the same (by key): a replay after a crash between the two heals them.
    const deploymentWrites = () =>
      db.sent.filter((one) => one.kind === "update" && one.collection === "deployments").length;
    const writesBefore = deploymentWrites();
    expect(await writeDeployments(db.store(), deployments)).toEqual({
      inserted: 0,
      updated: 0,
      statusesAdded: 0,
      refused: 0,
    });
    expect(deploymentWrites()).toBe(writesBefore);
    expect((await stored()).map((one) => one.statuses.map((s) => s.state))).toEqual([
      ["queued", "success"],
      ["queued", "success"],
      ["queued", "success"],
    ]);
  });

  it("keeps newer fields, and adds a status once whether a webhook (with its id) or a page brings it", async () => {
    const base = deploymentRecord({ deploymentId: 7, updatedAt: at("2026-03-02T10:05:00Z") });
    const fromWebhook = {
      ...base,
      environment: "production",
      statuses: [status("success", "2026-03-02T10:05:00Z", 900)],
    };
    const olderPage: DeploymentRecord = {
      ...base,
      environment: "staging",
      updatedAt: at("2026-03-02T10:00:00Z"),
      statuses: [status("queued", "2026-03-02T10:00:00Z"), status("success", "2026-03-02T10:05:00Z")],
    };
    await writeDeployments(db.store(), [fromWebhook]);
    expect(await writeDeployments(db.store(), [olderPage])).toMatchObject({ updated: 0, statusesAdded: 1 });
    const laterFailure = {
      ...fromWebhook,
      updatedAt: at("2026-03-03T08:00:00Z"),
      statuses: [status("failure", "2026-03-03T08:00:00Z", 901)],
    };
    expect(await writeDeployments(db.store(), [laterFailure])).toMatchObject({
      updated: 1,
      statusesAdded: 1,
    });

    const [only] = await stored();
    expect(only).toMatchObject({ environment: "production", updatedAt: at("2026-03-03T08:00:00Z") });
    expect(only.statuses).toEqual([
      status("success", "2026-03-02T10:05:00Z", 900),
      status("queued", "2026-03-02T10:00:00Z"),
      status("failure", "2026-03-03T08:00:00Z", 901),
    ]);
  });

  it("merges several copies of one deployment in a batch (a delivery per status)", async () => {
    const base = deploymentRecord({ deploymentId: 8 });
    await writeDeployments(db.store(), [
      { ...base, statuses: [status("queued", "2026-03-02T10:00:00Z", 1)] },
      {
        ...base,
        updatedAt: at("2026-03-02T10:01:00Z"),
        statuses: [status("success", "2026-03-02T10:01:00Z", 2)],
      },
      { ...base, statuses: [status("queued", "2026-03-02T10:00:00Z", 1)] },
    ]);
    const [only] = await stored();
    expect(only.updatedAt).toEqual(at("2026-03-02T10:01:00Z"));
    expect(only.statuses.map((s) => s.statusId)).toEqual([1, 2]);
  });

  it("stores nothing for a repository removed from the app", async () => {
    await recordAccess(db.store(), { ...REPO }, true, null);
    const other = { ...REPO, repoId: REPO.repoId + 1 };
    const outcome = await writeDeployments(db.store(), [
      deploymentRecord({ deploymentId: 20 }),
      deploymentRecord({ ...other, deploymentId: 21 }),
    ]);
    expect(outcome).toMatchObject({ inserted: 1, refused: 1 });
    expect((await stored()).map((one) => one.deploymentId)).toEqual([21]);
  });

  it("writes through point lookups and reads through an index", async () => {
    const first = deploymentRecord({
      deploymentId: 30,
      statuses: [status("queued", "2026-03-02T10:00:00Z")],
    });
    await writeDeployments(db.store(), [first]);
    await writeDeployments(db.store(), [
      {
        ...first,
        updatedAt: at("2026-03-02T11:00:00Z"),
        statuses: [status("error", "2026-03-02T11:00:00Z")],
      },
    ]);
    const sent = db.sent.filter((one) => one.collection === "deployments");
    expect(sent.filter((one) => one.kind === "update" && !isPointWrite(one))).toEqual([]);
    expect(await db.collectionScans(sent.filter((one) => one.kind === "find"))).toEqual([]);
  });
});
