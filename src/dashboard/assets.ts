import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The files `/dashboard/assets/*` may serve: a fixed allow-list read once at start-up, so no request path
 * ever reaches the file system (no traversal, no directory listing). Chart.js comes from node_modules, not a
 * CDN, because users run the app behind firewalls.
 */
export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
}

const JAVASCRIPT = "text/javascript; charset=utf-8";
const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

/** The page's own files under src/dashboard/public, by the name the page requests them with. */
const OWN_FILES: Record<string, string> = {
  "dashboard.css": "text/css; charset=utf-8",
  "main.js": JAVASCRIPT,
  "api.js": JAVASCRIPT,
  "filters.js": JAVASCRIPT,
  "format.js": JAVASCRIPT,
  "palette.js": JAVASCRIPT,
  "chart-configs.js": JAVASCRIPT,
  "weekly-chart.js": JAVASCRIPT,
  "charts.js": JAVASCRIPT,
  "summary.js": JAVASCRIPT,
  "comparison.js": JAVASCRIPT,
  "slow-prs.js": JAVASCRIPT,
  "messages.js": JAVASCRIPT,
  "dora.js": JAVASCRIPT,
};

export const CHART_JS_NAME = "chart.umd.min.js";

/** Chart.js's self-contained UMD build (it sets `window.Chart`), next to the package's CommonJS entry. */
export function chartJsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve("chart.js")), CHART_JS_NAME);
}

const etagOf = (body: Buffer): string =>
  `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/**
 * Own files revalidate on every load (their names carry no version, and one module imports another by
 * name); Chart.js is requested with its content hash in the URL, so it may be cached for a year.
 */
export function asset(body: Buffer, contentType: string, cacheControl = "no-cache"): Asset {
  return { body, contentType, etag: etagOf(body), cacheControl };
}

export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(OWN_FILES)) {
    assets.set(name, asset(readFileSync(join(PUBLIC_DIR, name)), contentType));
  }
  const chart = readFileSync(chartJsPath());
  assets.set(CHART_JS_NAME, asset(chart, JAVASCRIPT, "public, max-age=31536000, immutable"));
  return assets;
}

export const readPageTemplate = (): string => readFileSync(join(PUBLIC_DIR, "index.html"), "utf8");
