import type { Chart } from "chart.js";
import type { Page } from "playwright-core";
import { weekKeysBetween, weekStart } from "../../src/metrics/week.js";
import { useTestDatabase } from "../harness/database.js";
import { deploymentRecord } from "../harness/factories.js";
import { describeInBrowser, useDashboardInBrowser } from "./browser.js";
import { seedDashboardData } from "./seed.js";
import { seedDeployments } from "../harness/deployments.js";

const db = useTestDatabase();
const dashboard = useDashboardInBrowser(db.store);
let token: string;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const monday = weekStart(new Date()).getTime();
/** The default range's 12 weeks; index 11 is this week. */
const weeks = weekKeysBetween(new Date(monday - 11 * 7 * DAY), new Date());

const production = (deploymentId: number, at: number, state: string) =>
  deploymentRecord({
    installationId: 1,
    repoId: 11,
    deploymentId,
    createdAt: new Date(at),
    statuses: [{ statusId: deploymentId, state, createdAt: new Date(at) }],
  });

beforeAll(async () => {
  token = (await seedDashboardData(db.store())).acme;
  await seedDeployments(db.store(), [
    // Two weeks ago: one success. Last week: a failure restored 6 hours later.
    production(1, monday - 13 * DAY, "success"),
    production(2, monday - 6 * DAY, "failure"),
    production(3, monday - 6 * DAY + 6 * HOUR, "success"),
    // Staging counts nowhere.
    { ...production(4, monday - 5 * DAY, "failure"), environment: "staging" },
  ]);
});

const chartValues = (page: Page, id: string): Promise<(number | null)[]> =>
  page.evaluate((chartId) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-chart="${chartId}"] canvas`);
    const chartJs = (window as unknown as { Chart: typeof Chart }).Chart;
    const chart = canvas && chartJs.getChart(canvas);
    if (!chart) throw new Error(`no chart drawn in ${chartId}`);
    return chart.data.datasets[0].data as (number | null)[];
  }, id);

/** A series over the 12 weeks: `values` at the given weeks-ago, `fill` elsewhere. */
const series = (values: Record<number, number>, fill: number | null): (number | null)[] =>
  weeks.map((_, index) => values[weeks.length - 1 - index] ?? fill);

describeInBrowser("the dashboard's delivery (DORA) panel", () => {
  it("draws the four DORA figures per week and names the production pattern", async () => {
    const context = await dashboard.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(dashboard.url("/dashboard"));
    await page.waitForSelector("body[data-state=no-token]");
    await page.fill("#token-input", token);
    await page.click("#token-form button[type=submit]");
    await page.waitForSelector("body[data-state=ready]");

    expect(await chartValues(page, "dora-frequency")).toEqual(series({ 2: 1, 1: 1 }, 0));
    expect(await chartValues(page, "dora-failure-rate")).toEqual(series({ 2: 0, 1: 50 }, null));
    expect(await chartValues(page, "dora-restore")).toEqual(series({ 1: 6 }, null));
    expect((await chartValues(page, "dora-lead-time")).length).toBe(12);
    const note = await page.textContent("#dora-note");
    expect(note).toContain("3 production deployments in the range");
    expect(note).toContain("Production environments match ^prod(uction)?$");
    expect(problems).toEqual([]);
  });
});
