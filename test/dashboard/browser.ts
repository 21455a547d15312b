import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { createApiHandler } from "../../src/api/handler.js";
import { createDashboardHandler } from "../../src/dashboard/handler.js";
import type { Store } from "../../src/storage/store.js";
import { startServer } from "../api/server.js";

/**
 * Headless Debian Chromium (installed by .ci/run) in front of a real loopback server with the API and
 * dashboard handlers. Without the browser the tests skip locally but fail in CI, where it must be there.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
const browserInstalled = existsSync(CHROMIUM_PATH);
export const describeInBrowser = browserInstalled || process.env.CI ? describe : describe.skip;
if (!browserInstalled && !process.env.CI) {
  console.warn(`Dashboard browser tests skipped: ${CHROMIUM_PATH} is absent (apt-get install -y chromium).`);
}

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The widths every view is checked at: a laptop, and a phone (an iPhone 12–15's CSS pixels). */
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The server and browser for one test file; `newContext` gives each test its own localStorage. */
export function useDashboardInBrowser(store: () => Store) {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!browserInstalled)
      throw new Error(`CI is set but ${CHROMIUM_PATH} is missing: install Debian's chromium`);
    const api = createApiHandler({ store: store() });
    const dashboard = createDashboardHandler({ githubUrl: "https://github.example.com" });
    server = await startServer(async (req, res) => (await api(req, res)) || dashboard(req, res));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    url: (path: string): string => {
      if (!server) throw new Error("the dashboard server is not running yet");
      return server.url + path;
    },
    newContext: async (viewport = DESKTOP): Promise<BrowserContext> => {
      if (!browser) throw new Error("the browser is not running yet");
      // Reduced motion turns Chart.js's animations off: charts are complete once drawn (and in screenshots).
      const context = await browser.newContext({ timezoneId: "UTC", viewport, reducedMotion: "reduce" });
      contexts.push(context);
      return context;
    },
  };
}
