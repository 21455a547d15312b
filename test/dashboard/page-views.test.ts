import { createToken } from "../../src/api/tokens.js";
import { weekStart } from "../../src/metrics/week.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedPullRequests, seedRepository } from "../api/seed.js";
import { describeInBrowser, useDashboardInBrowser } from "./browser.js";
import { chartData, numbersTable, pageOpener } from "./page-helpers.js";
import { seedDashboardData } from "./seed.js";

/** How the page reads over time: partial weeks, scaled axes, the previous period, a sync in progress. */
const db = useTestDatabase();
const dashboard = useDashboardInBrowser(db.store);
const open = pageOpener(dashboard);
let tokens: { acme: string; growing: string };

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);
const thisWeek = weekStart(new Date());
const weeksAgo = (weeks: number, hours = 0) =>
  new Date(thisWeek.getTime() - weeks * 7 * DAY_MS + hours * 3_600_000);
/** The page's default range: from the Monday 11 weeks before this one, to today inclusive. */
const since = weeksAgo(11);
const until = new Date(Date.parse(day(new Date())) + DAY_MS);
const rangeDays = Math.round((until.getTime() - since.getTime()) / DAY_MS);

beforeAll(async () => {
  const store = db.store();
  const { acme } = await seedDashboardData(store);
  // In the previous period of the same length: one merged widgets PR with a 10 h cycle time.
  await seedPullRequests(store, [
    {
      installationId: 1,
      repoId: 11,
      repo: "acme/widgets",
      number: 90,
      state: "merged",
      createdAt: weeksAgo(14),
      mergedAt: weeksAgo(14, 10),
      metrics: { cycleTimeHours: 10 },
    },
  ]);
  await seedInstallation(store, 3, "growing");
  await seedRepository(store, 3, 31, "growing/app", { syncStatus: "syncing" });
  const growing = (await createToken(store, { installationId: 3 })).token;
  tokens = { acme, growing };
});

describeInBrowser("the dashboard over time, in Chromium", () => {
  it("marks the current week partial, in the axis and in the numbers", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const { labels } = await chartData(page, "throughput");
    const rows = await numbersTable(page, "throughput");
    // Only a Sunday completes the week: the range then ends at the next Monday.
    if (new Date().getUTCDay() === 0) {
      expect(labels.at(-1)).toEqual(expect.any(String));
      expect(rows.at(-1)?.[0]).toBe(day(thisWeek));
    } else {
      expect(labels.at(-1)).toEqual([expect.any(String), "partial"]);
      expect(rows.at(-1)?.[0]).toBe(`${day(thisWeek)} (partial: ${day(thisWeek)} to ${day(new Date())})`);
    }
    // The range starts on a Monday, so every earlier week is whole.
    expect(labels.slice(0, -1).every((label) => typeof label === "string")).toBe(true);
  });

  it("scales the CI failure axis to the data instead of 0–100 %", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const top = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-chart="ci"] canvas');
      const chartJs = (window as unknown as { Chart: typeof import("chart.js").Chart }).Chart;
      return canvas ? chartJs.getChart(canvas)?.scales.rate.max : undefined;
    });
    // The worst week failed 12.5 % of its runs.
    expect(top).toBe(20);
  });

  it("compares each tile with the previous period of the same length", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const tiles = await page.$$eval("#summary .tile", (all) =>
      all.map((tile) => [tile.querySelector("dt")?.textContent, tile.querySelector(".change")?.textContent]),
    );
    const vs = `vs previous ${rangeDays} days`;
    expect(tiles).toEqual(
      expect.arrayContaining([
        ["Merged", `+4 (+400%) ${vs}`], // 5 against 1
        ["Cycle time (median)", `+170% ${vs}`], // 27 h against 10 h
        ["Reviewed before merge", `+100 pts ${vs}`], // all of them against none
        ["Reverts · hotfixes", `+1 · +1 ${vs}`],
        ["Pickup time (median)", `no data for previous ${rangeDays} days`], // its one PR had no review
      ]),
    );
  });

  it("says repositories are syncing and polls until they are done", async () => {
    const { page, requests } = await open(tokens.growing);
    await page.waitForSelector("body[data-state=syncing]");
    expect(await page.textContent("#message")).toBe(
      "The repository is still syncing: the dashboard updates every few seconds until it is done.",
    );
    const store = db.store();
    await seedPullRequests(store, [
      {
        installationId: 3,
        repoId: 31,
        repo: "growing/app",
        number: 1,
        state: "merged",
        createdAt: weeksAgo(2),
        mergedAt: weeksAgo(2, 30),
      },
    ]);
    await store.repositories.updateOne(
      { installationId: 3, repoId: 31 },
      { $set: { syncStatus: "complete" } },
    );
    await page.waitForSelector("body[data-state=ready]", { timeout: 20_000 });
    const merged = (await chartData(page, "throughput")).datasets.Merged as number[];
    expect(merged.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(requests.filter((url) => url.pathname === "/api/v1/sync").length).toBeGreaterThanOrEqual(2);
  });

  it("takes a token from the address's fragment, keeps it and clears the fragment", async () => {
    const { page } = await open(undefined, { path: `/dashboard#token=${tokens.acme}` });
    await page.waitForSelector("body[data-state=ready]");
    expect(new URL(page.url()).hash).toBe("");
    expect(page.url()).not.toContain(tokens.acme);
    expect(await page.evaluate(() => localStorage.getItem("mergelens.apiToken"))).toBe(tokens.acme);
  });
});
