import type { IncomingMessage, ServerResponse } from "node:http";
import { asset, CHART_JS_NAME, loadAssets, readPageTemplate, type Asset } from "./assets.js";

/**
 * `GET /dashboard` (CONTRACT.md) as a Probot 14 handler: one HTML page plus its allow-listed assets under
 * `/dashboard/assets/`, and `/` redirects to it. Other paths return false so the next handler gets them. The page
 * reads the same `/api/v1` with the user's token; this handler serves no data and needs no store.
 */
export interface DashboardOptions {
  /** Where PR links point: `https://github.com`, or `<GHE_PROTOCOL>://<GHE_HOST>` for GitHub Enterprise. */
  githubUrl?: string;
}

const PAGE_PATH = "/dashboard";
const ASSET_PREFIX = "/dashboard/assets/";

/** The page may load only its own scripts, styles and API: nothing inline, nothing from elsewhere. */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function renderPage(template: string, chart: Asset, githubUrl: string): Asset {
  const html = template
    .replaceAll("%GITHUB_URL%", escapeHtml(githubUrl.replace(/\/+$/, "")))
    .replaceAll("%CHART_VERSION%", encodeURIComponent(chart.etag.replaceAll('"', "")));
  return asset(Buffer.from(html), "text/html; charset=utf-8");
}

function send(req: IncomingMessage, res: ServerResponse, file: Asset, headers: Record<string, string> = {}) {
  const common = {
    ...headers,
    etag: file.etag,
    "cache-control": file.cacheControl,
    "x-content-type-options": "nosniff",
  };
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, common).end();
    return;
  }
  res.writeHead(200, { ...common, "content-type": file.contentType, "content-length": file.body.length });
  res.end(req.method === "HEAD" ? undefined : file.body);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    ...headers,
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(text);
}

export function createDashboardHandler(options: DashboardOptions = {}) {
  const assets = loadAssets();
  const chart = assets.get(CHART_JS_NAME);
  if (!chart) throw new Error(`the dashboard needs ${CHART_JS_NAME} from the chart.js package`);
  const page = renderPage(readPageTemplate(), chart, options.githubUrl ?? "https://github.com");

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname === "/" && (req.method === "GET" || req.method === "HEAD")) {
      // The app's root has nothing of its own: send people to the page they are looking for.
      res.writeHead(302, { location: "dashboard", "cache-control": "no-store" }).end();
      return true;
    }
    if (pathname !== PAGE_PATH && !pathname.startsWith(`${PAGE_PATH}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendText(res, 405, `${req.method} is not allowed here; use GET\n`, { allow: "GET, HEAD" });
    } else if (pathname === PAGE_PATH) {
      send(req, res, page, PAGE_HEADERS);
    } else if (pathname === `${PAGE_PATH}/`) {
      // The page links its assets and the API relatively, so it must be loaded without the slash.
      res.writeHead(308, { location: "../dashboard" }).end();
    } else {
      const file = pathname.startsWith(ASSET_PREFIX)
        ? assets.get(pathname.slice(ASSET_PREFIX.length))
        : undefined;
      if (file) send(req, res, file);
      else sendText(res, 404, "not found\n");
    }
    return true;
  };
}
