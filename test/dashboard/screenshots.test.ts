import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { DESKTOP, describeInBrowser, PHONE, useDashboardInBrowser } from "./browser.js";
import { pageOpener } from "./page-helpers.js";
import { seedDashboardData } from "./seed.js";

/**
 * Every view of the page at a laptop's and a phone's width: it reaches its state without a script error,
 * nothing is wider than the screen, and a full-page screenshot is kept under test-artifacts/dashboard/
 * (git-ignored) for a person to look at.
 */
const db = useTestDatabase();
const dashboard = useDashboardInBrowser(db.store);
const open = pageOpener(dashboard);
const ARTIFACTS = path.resolve("test-artifacts/dashboard");
let tokens: Record<"acme" | "empty" | "syncing", string>;

beforeAll(async () => {
  const store = db.store();
  const { acme, empty } = await seedDashboardData(store);
  await seedInstallation(store, 3, "growing");
  await seedRepository(store, 3, 31, "growing/app", { syncStatus: "syncing" });
  tokens = { acme, empty, syncing: (await createToken(store, { installationId: 3 })).token };
  mkdirSync(ARTIFACTS, { recursive: true });
});

type View = { name: string; state: string; token: () => string | undefined };
const VIEWS: View[] = [
  { name: "no-token", state: "no-token", token: () => undefined },
  { name: "unauthorized", state: "unauthorized", token: () => "mlk_not-a-token-this-server-issued" },
  { name: "ready", state: "ready", token: () => tokens.acme },
  { name: "empty", state: "empty", token: () => tokens.empty },
  { name: "syncing", state: "syncing", token: () => tokens.syncing },
];

/** How far the page reaches past the right edge of the screen, in CSS pixels (0: it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describeInBrowser("every dashboard view at desktop and phone widths", () => {
  const cases = VIEWS.flatMap((view) => [
    { ...view, width: "desktop", viewport: DESKTOP },
    { ...view, width: "phone", viewport: PHONE },
  ]);

  it.each(cases)("$name at $width width", async ({ name, state, token, width, viewport }) => {
    const { page, problems } = await open(token(), { viewport });
    await page.waitForSelector(`body[data-state=${state}]`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (state === "ready") {
      const sizes = await page.$$eval("[data-chart] canvas", (canvases) =>
        canvases.map((canvas) => Math.min(canvas.clientWidth, canvas.clientHeight)),
      );
      // Seven flow charts and the DORA panel's four.
      expect(sizes).toHaveLength(11);
      expect(sizes.every((size) => size > 100)).toBe(true);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });
});
