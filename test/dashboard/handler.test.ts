import { readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { chartJsPath } from "../../src/dashboard/assets.js";
import { createDashboardHandler } from "../../src/dashboard/handler.js";
import { startServer } from "../api/server.js";

/** The page and its assets over a real loopback server, without a browser. */
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer(createDashboardHandler({ githubUrl: 'https://ghe.example.com/"><script>' }));
});

afterAll(async () => {
  await server.close();
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(server.url + path, { redirect: "manual", ...init });

describe("GET /dashboard", () => {
  it("serves the page with a strict content security policy and revalidation", async () => {
    const response = await get("/dashboard");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('src="dashboard/assets/main.js"');
    expect(html).toMatch(/src="dashboard\/assets\/chart\.umd\.min\.js\?v=[\w-]+"/);
    // The configured GitHub address is escaped into an attribute, never markup.
    expect(html).toContain('content="https://ghe.example.com/&#34;&#62;&#60;script&#62;"');
  });

  it("answers 304 when the browser already has the current version", async () => {
    const first = await get("/dashboard/assets/main.js");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get("/dashboard/assets/main.js", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await get("/dashboard", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    const post = await get("/dashboard", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("sends /dashboard/ to /dashboard, whose relative links the page relies on", async () => {
    const response = await get("/dashboard/");
    expect(response.status).toBe(308);
    expect(new URL(response.headers.get("location") ?? "", server.url + "/dashboard/").pathname).toBe(
      "/dashboard",
    );
  });

  it("sends the app's root to the dashboard", async () => {
    for (const method of ["GET", "HEAD"]) {
      const response = await get("/", { method });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("location") ?? "", server.url + "/").pathname).toBe("/dashboard");
    }
    expect(await (await get("/", { method: "POST" })).text()).toBe("fallthrough");
  });

  it("leaves every other path to the next handler", async () => {
    for (const path of ["/dashboards", "/api/v1/pulls", "/healthz", "/probot"]) {
      expect(await (await get(path)).text()).toBe("fallthrough");
    }
  });
});

describe("GET /dashboard/assets/*", () => {
  it("serves Chart.js's UMD build from node_modules, cacheable for a year", async () => {
    const response = await get("/dashboard/assets/chart.umd.min.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(readFileSync(chartJsPath(), "utf8"));
  });

  it.each([
    ["main.js", "text/javascript; charset=utf-8"],
    ["charts.js", "text/javascript; charset=utf-8"],
    ["weekly-chart.js", "text/javascript; charset=utf-8"],
    ["comparison.js", "text/javascript; charset=utf-8"],
    ["dashboard.css", "text/css; charset=utf-8"],
  ])("serves %s as %s", async (name, type) => {
    const response = await get(`/dashboard/assets/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("cache-control")).toBe("no-cache");
  });

  it.each([
    "/dashboard/assets/index.html",
    "/dashboard/assets/chart.umd.min.js.map",
    "/dashboard/assets/..%2f..%2f..%2fpackage.json",
    "/dashboard/assets/%2e%2e/assets.ts",
    "/dashboard/assets/public/main.js",
    "/dashboard/assets/",
    "/dashboard/assets/__proto__",
    "/dashboard/other",
  ])("answers 404 for %s: only allow-listed names are served", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("not found\n");
  });

  it("never reaches files outside the allow-list through dot segments sent verbatim", async () => {
    // A raw request path: fetch, and http.get given a URL, would normalise the dot segments first.
    const { status, body } = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const path = "/dashboard/assets/../../package.json";
      const request = httpGet({ hostname, port, path }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode, body: text }));
      });
      request.on("error", reject);
    });
    // The server resolves it to /package.json, which is not the dashboard's to answer.
    expect({ status, body }).toEqual({ status: 404, body: "fallthrough" });
  });
});
