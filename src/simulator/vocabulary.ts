import { int, pick, type Rng } from "./random.js";

/** Words the generator assembles into titles, branches, paths and messages. */
const VERBS = ["Add", "Fix", "Refactor", "Improve", "Remove", "Update", "Speed up", "Document", "Simplify"];
const THINGS = [
  "login flow",
  "retry logic",
  "billing export",
  "search index",
  "webhook handler",
  "cache layer",
  "settings page",
  "rate limiter",
  "CSV import",
  "audit log",
  "onboarding emails",
  "metrics endpoint",
  "feature flags",
  "session store",
  "error pages",
  "payment retries",
  "API pagination",
  "build scripts",
  "health checks",
  "dark mode",
];
export const PACKAGES = [
  "lodash",
  "express",
  "react",
  "typescript",
  "eslint",
  "jest",
  "axios",
  "zod",
  "vite",
];
const AREAS = ["api", "web", "core", "jobs", "auth", "billing", "ui", "db", "lib"];
const NAMES = ["index", "client", "handler", "store", "utils", "routes", "model", "service", "config"];
export const COMMIT_FOLLOW_UPS = [
  "Address review comments",
  "Fix tests",
  "WIP",
  "Handle empty input",
  "Rename for clarity",
  "Add missing tests",
  "Fix lint",
  "Apply suggestions from code review",
];
export const REVIEW_BODIES = {
  APPROVED: ["LGTM", "Looks good, ship it", "", "Nice cleanup 👍"],
  CHANGES_REQUESTED: ["A few things to fix before merging", "This breaks the retry path, see comments"],
  COMMENTED: ["Some thoughts inline", "Left a question", ""],
  DISMISSED: ["Needs another pass"],
} as const;
export const COMMENT_BODIES = [
  "Thanks! Could you add a test for this?",
  "Rebased on main.",
  "Is this ready for another look?",
  "Deployed to staging, works for me.",
  "Can we split this PR?",
  "@here please review",
];

export function topic(r: Rng): string {
  return `${pick(r, VERBS)} ${pick(r, THINGS)}`;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function filePath(r: Rng, language: string, i: number): string {
  const ext = language === "Go" ? "go" : language === "Python" ? "py" : "ts";
  return `src/${pick(r, AREAS)}/${pick(r, NAMES)}-${i}.${ext}`;
}

export function version(r: Rng): string {
  return `${int(r, 1, 9)}.${int(r, 0, 30)}.${int(r, 0, 12)}`;
}
