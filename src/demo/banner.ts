import type { Demo } from "./start.js";

/** What to open and paste while the sample organisation syncs. */
export function demoBanner(demo: Demo): string {
  const base = `http://localhost:${demo.port}`;
  const repo = demo.org.repos[0]?.fullName ?? `${demo.org.login}/web`;
  const auth = `-H "Authorization: Bearer ${demo.token}"`;
  return [
    "",
    `mergelens demo: a simulated GitHub organisation "${demo.org.login}" with ${demo.org.repos.length} repositories`,
    "",
    `  Dashboard   ${base}/dashboard#token=${demo.token}`,
    "              (one click: the page keeps the token and drops it from the address)",
    `  API token   ${demo.token}`,
    "              (for the API and the dashboard's token box; valid until the demo stops)",
    "",
    "  Try the API:",
    `    curl ${auth} "${base}/api/v1/metrics?groupBy=repo"`,
    `    curl ${auth} "${base}/api/v1/pulls?repo=${repo}"`,
    `    curl ${auth} "${base}/api/v1/dora"`,
    "",
    "  Or the CLI, in another terminal:",
    `    MONGODB_URI="${demo.mongodbUri}" npx mergelens metrics --group-by repo`,
    "",
    "Backfilling (the worker is reading the simulator as it would read GitHub):",
  ].join("\n");
}
