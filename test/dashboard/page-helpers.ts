import type { Chart } from "chart.js";
import type { Page } from "playwright-core";
import type { useDashboardInBrowser } from "./browser.js";

/** What the dashboard's browser tests share: opening the page, and reading what it drew. */

/** The dashboard page in a fresh browser context, recording API requests and any script or CSP error. */
export const pageOpener =
  (dashboard: ReturnType<typeof useDashboardInBrowser>) =>
  async (
    token?: string,
    options: { path?: string; viewport?: { width: number; height: number } } = {},
  ): Promise<{ page: Page; requests: URL[]; problems: string[] }> => {
    const context = await dashboard.newContext(options.viewport);
    const page = await context.newPage();
    const requests: URL[] = [];
    const problems: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/")) requests.push(url);
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !/401/.test(message.text())) problems.push(message.text());
    });
    await page.goto(dashboard.url(options.path ?? "/dashboard"));
    if (token) {
      await page.waitForSelector("body[data-state=no-token]");
      await page.fill("#token-input", token);
      await page.click("#token-form button[type=submit]");
    }
    return { page, requests, problems };
  };

type ChartData = { labels: string[]; datasets: Record<string, (number | null)[]> };

/** A drawn chart's labels and each dataset's values by label, read from the page's Chart.js instance. */
export const chartData = (page: Page, id: string): Promise<ChartData> =>
  page.evaluate((chartId) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-chart="${chartId}"] canvas`);
    const chartJs = (window as unknown as { Chart: typeof Chart }).Chart;
    const chart = canvas && chartJs.getChart(canvas);
    if (!chart) throw new Error(`no chart drawn in ${chartId}`);
    return {
      labels: chart.data.labels as string[],
      datasets: Object.fromEntries(
        chart.data.datasets.map((set) => [set.label, set.data as (number | null)[]]),
      ),
    };
  }, id);

/** A chart's "Show the numbers" table, header row first, as cell texts. */
export const numbersTable = (page: Page, id: string): Promise<string[][]> =>
  page.$$eval(`[data-chart="${id}"] details table tr`, (rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent ?? "")),
  );
