import type { SimulatedOrg } from "../generate-org.js";
import type { SimResponse } from "../responses.js";

/**
 * The web page behind a simulated PR's `html_url` (`/<owner>/<repo>/pull/<n>`), so the dashboard's links
 * open something in the demo instead of a JSON 404: a plain summary of the PR, saying it is simulated.
 */
const PULL_PATH = /^\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)$/;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const iso = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().replace(".000Z", "Z"));

export function pullPage(org: SimulatedOrg, method: string, pathname: string): SimResponse | undefined {
  const match = PULL_PATH.exec(pathname);
  if (method !== "GET" || !match || match[1].toLowerCase() !== org.login.toLowerCase()) return undefined;
  const pull = org.pull(match[2], Number(match[3]));
  if (!pull) return undefined;
  const state = pull.mergedAt !== null ? "merged" : pull.closedAt !== null ? "closed" : "open";
  const facts: Array<[string, string]> = [
    ["State", pull.draft && state === "open" ? "draft" : state],
    ["Author", pull.author.login],
    ["Opened", iso(pull.createdAt)],
    ["Merged", iso(pull.mergedAt)],
    ["Size", `+${pull.additions} −${pull.deletions} in ${pull.files} files, ${pull.commits} commits`],
    ["Reviews", String(pull.reviews)],
  ];
  const title = `${org.login}/${match[2]}#${pull.number}: ${pull.title}`;
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title></head><body style="font-family: system-ui, sans-serif; margin: 2rem">`,
    `<h1>${escapeHtml(title)}</h1>`,
    "<p>A pull request of the mergelens demo's simulated GitHub organisation: it exists only while the demo runs.</p>",
    `<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>`,
    "</body></html>",
  ].join("\n");
  return { status: 200, text: html, headers: { "content-type": "text/html; charset=utf-8" } };
}
