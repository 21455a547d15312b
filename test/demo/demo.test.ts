import { pino } from "pino";
import { createServer, type Server } from "node:net";
import { demoBanner } from "../../src/demo/banner.js";
import { PortInUseError } from "../../src/demo/port.js";
import { formatProgress, formatSummary, waitForBackfill } from "../../src/demo/progress.js";
import { startDemo, type Demo } from "../../src/demo/start.js";
import { testMongoUri } from "../harness/database.js";

/** `npm run demo` in-process, smaller: simulator, app and worker, the installation delivered and synced. */
describe("npm run demo", () => {
  let demo: Demo | undefined;

  afterAll(async () => {
    await demo?.stop();
  });

  it("backfills the sample organisation and serves metrics and the dashboard with its token", async () => {
    demo = await startDemo({
      log: pino({ level: "silent" }),
      repos: 2,
      prsPerRepo: 30,
      port: 0,
      mongodbUri: testMongoUri().replace("/?", `/demo_test_${Date.now()}?`),
    });
    expect(demo.token).toMatch(/^mlk_/);

    const repos = await waitForBackfill({
      store: demo.app.database.store,
      installationId: demo.installationId,
      expected: 2,
      timeoutMs: 50_000,
      intervalMs: 250,
    });
    expect(repos.map((repo) => repo.syncStatus)).toEqual(["complete", "complete"]);
    expect(repos.every((repo) => repo.prsStored > 0)).toBe(true);
    expect(formatProgress(repos)).toContain("100%");
    expect(formatSummary(repos)).toMatch(/^Ready: acme\/\S+ \d+ PRs, acme\/\S+ \d+ PRs$/);

    const base = `http://127.0.0.1:${demo.port}`;
    const metrics = await fetch(`${base}/api/v1/metrics`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(metrics.status).toBe(200);
    const body = (await metrics.json()) as { groups: Array<{ prsMerged: number }> };
    expect(body.groups[0].prsMerged).toBeGreaterThan(0);

    // The backfill fetched the simulator's deployments: delivery figures are there from the start.
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const dora = await fetch(`${base}/api/v1/dora?since=${since}`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(dora.status).toBe(200);
    const delivery = (await dora.json()) as {
      deploymentsCount: number;
      leadTimeForChangesHours: number | null;
    };
    expect(delivery.deploymentsCount).toBeGreaterThan(0);
    expect(delivery.leadTimeForChangesHours).not.toBeNull();

    const dashboard = await fetch(`${base}/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(demoBanner(demo)).toContain(`http://localhost:${demo.port}/dashboard#token=${demo.token}`);

    // The dashboard links a PR to <GitHub web URL>/<repo>/pull/<n>: in the demo, the simulator's page.
    const pulls = await fetch(`${base}/api/v1/pulls?limit=1`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    const [pr] = ((await pulls.json()) as { items: Array<{ repo: string; number: number }> }).items;
    const page = await fetch(`${demo.simulator.url}/${pr.repo}/pull/${pr.number}`);
    expect([page.status, page.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
  }, 60_000);

  it("stops at once, in one line, when its port is taken", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const address = taken.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const started = startDemo({ log: pino({ level: "silent" }), port });
      await expect(started).rejects.toThrow(PortInUseError);
      await expect(started).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
