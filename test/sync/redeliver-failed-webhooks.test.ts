import type { Simulator } from "../../src/simulator/server.js";
import { redeliverFailedWebhooks } from "../../src/sync/jobs/redeliver-failed-webhooks.js";
import { readWatermark } from "../../src/sync/watermarks.js";
import { useTestDatabase } from "../harness/database.js";
import { jobRun, simulatorDeps, simulatorProbot, startTestSimulator } from "./helpers/simulated-github.js";

const db = useTestDatabase();
let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ repos: 1, prsPerRepo: 5 });
});
afterAll(() => sim.stop());

describe("redeliver-failed-webhooks", () => {
  it("redelivers each failed delivery once, and remembers how far it looked", async () => {
    const failed = sim.deliveries
      .list()
      .filter((delivery) => delivery.statusCode >= 400 || delivery.status !== "OK")
      .map((delivery) => delivery.id);
    expect(failed.length).toBeGreaterThan(0);
    const deps = simulatorDeps(db.store(), simulatorProbot(sim));
    const before = new Date();

    await redeliverFailedWebhooks(jobRun("redeliver-failed-webhooks", {}), deps);

    expect([...sim.deliveries.redeliveries].sort()).toEqual([...failed].sort());
    expect((await readWatermark(db.store(), "redeliver-failed-webhooks"))?.getTime()).toBeGreaterThanOrEqual(
      before.getTime(),
    );

    // The next run sees the redeliveries succeeded and asks for nothing again.
    await redeliverFailedWebhooks(jobRun("redeliver-failed-webhooks", {}), deps);
    expect(sim.deliveries.redeliveries).toHaveLength(failed.length);
  });
});
