import { weekKeysBetween, weekStart } from "../../src/metrics/week.js";
import { useTestDatabase } from "../harness/database.js";
import { describeInBrowser, useDashboardInBrowser } from "./browser.js";
import { chartData, numbersTable, pageOpener } from "./page-helpers.js";
import { seedDashboardData } from "./seed.js";

const db = useTestDatabase();
const dashboard = useDashboardInBrowser(db.store);
let tokens: { acme: string; empty: string };
const open = pageOpener(dashboard);

beforeAll(async () => {
  tokens = await seedDashboardData(db.store());
});

/** The default range's 12 weeks, and a series that is `values` at the given weeks-ago and `fill` elsewhere. */
const weeks = weekKeysBetween(new Date(weekStart(new Date()).getTime() - 11 * 7 * 86_400_000), new Date());
const series = (values: Record<number, number>, fill: number | null): (number | null)[] =>
  weeks.map((_, index) => values[weeks.length - 1 - index] ?? fill);

describeInBrowser("GET /dashboard in Chromium", () => {
  it("asks for a token, and calls no API, when the browser has none", async () => {
    const { page, requests, problems } = await open();
    await page.waitForSelector("body[data-state=no-token]");
    expect(await page.isVisible("#token-input")).toBe(true);
    expect(await page.textContent("#message")).toContain("No API token yet");
    expect(await page.isHidden("#dashboard")).toBe(true);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("says the token was rejected when the API answers 401", async () => {
    const { page, requests } = await open("mlk_not-a-token-this-server-issued");
    await page.waitForSelector("body[data-state=unauthorized]");
    expect(await page.textContent("#message")).toContain("rejected this API token (401)");
    expect(await page.isVisible("#token-input")).toBe(true);
    expect(await page.isVisible("#forget-token")).toBe(true);
    expect(requests.map((url) => url.pathname)).toEqual(["/api/v1/sync"]);
  });

  it("draws every chart and the slow-PR table from the API for the last 12 weeks", async () => {
    const { page, requests, problems } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const metrics = requests.filter((url) => url.pathname === "/api/v1/metrics");
    const inRange = metrics.filter((url) => url.searchParams.get("since") === weeks[0]);
    expect(inRange.map((url) => String(url.searchParams.get("groupBy"))).sort()).toEqual([
      "null",
      "reviewer",
      "week",
    ]);
    // The tiles' comparison: the previous period of the same length, ending where the range starts.
    const before = metrics.filter((url) => !inRange.includes(url));
    expect(before.map((url) => [url.searchParams.get("until"), url.searchParams.get("groupBy")])).toEqual([
      [weeks[0], null],
    ]);

    const cycle = await chartData(page, "cycle-time");
    expect(cycle.labels).toHaveLength(12);
    expect(cycle.datasets["Coding (median)"]).toEqual(series({ 4: 3, 3: 1, 2: 1, 1: 1 }, null));
    expect(cycle.datasets["Pickup (p75)"]).toEqual(series({ 4: 7, 3: 2, 2: 2, 1: 2 }, null));
    expect(cycle.datasets["Review (median)"]).toEqual(series({ 4: 8, 3: 3, 2: 3, 1: 3 }, null));

    const throughput = await chartData(page, "throughput");
    expect(throughput.datasets.Merged).toEqual(series({ 4: 2, 3: 1, 2: 1, 1: 1 }, 0));
    const opened = throughput.datasets.Opened as number[];
    expect(opened.reduce((sum, n) => sum + n, 0)).toBe(9);

    const size = await chartData(page, "pr-size");
    expect(size.datasets["Merged pull requests"]).toEqual([1, 1, 1, 0, 1, 1]);

    // From the seeded reviews: alice reviewed widgets#2 (×2) and #4; bob widgets#1 (×2) and #3; carol
    // widgets#1 and gadgets#1; dave widgets#3. alice's review of her own #1, the bot's review, bob's
    // pending review and erin's review of an open PR count nowhere. Ties: by reviews, then by name.
    const load = await chartData(page, "review-load");
    expect(load.labels).toEqual(["alice", "bob", "carol", "dave"]);
    expect(load.datasets["PRs reviewed"]).toEqual([2, 2, 2, 1]);
    expect(load.datasets["Reviews submitted"]).toEqual([3, 3, 2, 1]);
    expect(await numbersTable(page, "review-load")).toEqual([
      ["Reviewer", "PRs reviewed", "Reviews submitted"],
      ["alice", "2", "3"],
      ["bob", "2", "3"],
      ["carol", "2", "2"],
      ["dave", "1", "1"],
    ]);

    const ci = await chartData(page, "ci");
    expect(ci.datasets["Failed check runs"]).toEqual(series({ 4: 12.5, 3: 0, 2: 0, 1: 0 }, null));
    expect(ci.datasets["Median CI wall time"]).toEqual(series({ 4: 15, 3: 5, 2: 5, 1: 5 }, null));

    const incidents = await chartData(page, "reverts-hotfixes");
    expect(incidents.datasets.Reverts).toEqual(series({ 2: 1 }, 0));
    expect(incidents.datasets.Hotfixes).toEqual(series({ 1: 1 }, 0));

    const ai = await chartData(page, "ai-share");
    expect(ai.datasets["AI-assisted"]).toEqual(series({ 4: 50, 3: 100, 2: 0, 1: 0 }, null));

    const links = await page.$$eval("#slow-prs tbody a", (anchors) => anchors.map((a) => a.textContent));
    expect(links).toEqual(["acme/widgets#10", "acme/gadgets#11", "acme/widgets#13"]);
    const rows = await page.$$eval("#slow-prs tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)),
    );
    expect(rows.map((row) => row[3])).toEqual(["First review", "Approval", "First review"]);
    expect(await page.getAttribute("#slow-prs a >> nth=0", "href")).toBe(
      "https://github.example.com/acme/widgets/pull/10",
    );
    expect(await page.textContent("#slow-note")).toBe(
      "3 open, oldest first; currently open, whatever the date range. 1 draft not listed.",
    );
    // The open PRs come counted, the oldest few listed: the view never pages through the open PRs.
    const lists = requests.filter((url) => url.pathname.startsWith("/api/v1/pulls"));
    expect(lists.map((url) => `${url.pathname}?${url.searchParams}`)).toEqual([
      "/api/v1/pulls/waiting?limit=15",
    ]);
    expect(await page.textContent("#summary")).toContain("Merged5");
    expect(problems).toEqual([]);
  });

  it("notes a title stored cut on its own row of the slow-PR table only", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const notes = await page.$$eval("#slow-prs tbody tr", (trs) =>
      trs.map((tr) => tr.querySelector(".cut-note")?.textContent ?? null),
    );
    // acme/widgets#10, acme/gadgets#11 (cut), acme/widgets#13.
    expect(notes).toEqual([null, "Title shortened when stored: GitHub has it whole.", null]);
  });

  it("keeps the token across reloads and narrows every request to the chosen repository", async () => {
    const { page, requests } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    await page.reload();
    await page.waitForSelector("body[data-state=ready]");
    expect(await page.isVisible("#token-panel")).toBe(false);
    requests.splice(0);

    await page.selectOption("#repo-filter", "acme/gadgets");
    await page.waitForFunction(
      () => document.body.dataset.state === "ready" && location.search.includes("gadgets"),
    );
    const data = requests.filter((url) => url.pathname !== "/api/v1/sync");
    expect(data.length).toBeGreaterThanOrEqual(5);
    expect(data.every((url) => url.searchParams.get("repo") === "acme/gadgets")).toBe(true);
    const throughput = await chartData(page, "throughput");
    expect(throughput.datasets.Merged).toEqual(series({ 3: 1 }, 0));
    // gadgets#1, by carol; erin's review is of a PR still open.
    expect(await chartData(page, "review-load")).toEqual({
      labels: ["carol"],
      datasets: { "PRs reviewed": [1], "Reviews submitted": [1] },
    });
    expect(await page.$$eval("#slow-prs tbody tr", (trs) => trs.length)).toBe(1);

    // The choice is in the address, so a reload (or a shared link) shows the same repository.
    await page.reload();
    await page.waitForSelector("body[data-state=ready]");
    expect(await page.inputValue("#repo-filter")).toBe("acme/gadgets");
  });

  it("lists every reviewer, busiest first, the chart growing with their number", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const drawn = await page.evaluate(async () => {
      const at = (name: string) => new URL(`dashboard/assets/${name}`, location.href).href;
      const configs = await import(at("chart-configs.js"));
      const charts = await import(at("charts.js"));
      // r01 reviewed 30 PRs, r02 29, … r30 1, each with one review per PR; r31 only open PRs.
      const groups = Array.from({ length: 31 }, (_, i) => ({
        key: `r${String(i + 1).padStart(2, "0")}`,
        prsReviewed: Math.max(0, 30 - i),
        reviewsSubmitted: Math.max(0, 30 - i),
      }));
      const description = configs.reviewLoad(groups.reverse());
      charts.renderChart("review-load", description);
      const canvas = document.querySelector<HTMLCanvasElement>('[data-chart="review-load"] canvas');
      const chartJs = (window as unknown as { Chart: typeof import("chart.js").Chart }).Chart;
      const chart = canvas && chartJs.getChart(canvas);
      return {
        labels: description.labels as string[],
        ticks: chart?.scales.y.ticks.map((tick) => chart.scales.y.getLabelForValue(tick.value)),
        frameHeight: canvas?.parentElement?.getBoundingClientRect().height ?? 0,
      };
    });
    expect(drawn.labels).toHaveLength(30);
    expect(drawn.labels.slice(0, 2)).toEqual(["r01", "r02"]);
    // Every row keeps its name on the axis: none is skipped to make room.
    expect(drawn.ticks).toEqual(drawn.labels);
    expect(drawn.frameHeight).toBeGreaterThan(30 * 25);
  });

  it("says how many open PRs the table leaves out", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    const note = await page.evaluate(async () => {
      const slow = await import(new URL("dashboard/assets/slow-prs.js", location.href).href);
      const pr = { repo: "acme/widgets", title: "t", author: { login: "a", isBot: false }, truncated: [] };
      const items = Array.from({ length: slow.WAITING_ROWS }, (_, i) => ({
        ...pr,
        number: i + 1,
        createdAt: "2024-05-01T00:00:00Z",
        firstReviewAt: null,
        additions: 1,
        deletions: 0,
      }));
      slow.renderSlowPrs(
        { open: 40, drafts: 3, items },
        { githubUrl: "https://github.com", now: new Date() },
      );
      return document.getElementById("slow-note")?.textContent;
    });
    expect(note).toBe(
      "37 open, oldest first; currently open, whatever the date range. Showing the 15 oldest. 3 drafts not listed.",
    );
  });

  it("forgets the token on request", async () => {
    const { page } = await open(tokens.acme);
    await page.waitForSelector("body[data-state=ready]");
    await page.click("#forget-token");
    await page.waitForSelector("body[data-state=no-token]");
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it("explains an installation with no pull requests instead of drawing blank charts silently", async () => {
    const { page } = await open(tokens.empty);
    await page.waitForSelector("body[data-state=empty]");
    expect(await page.textContent("#message")).toContain(
      "No pull requests were opened or merged in any repository",
    );
    expect(await page.isVisible("[data-chart=cycle-time] .chart-empty")).toBe(true);
  });
});
