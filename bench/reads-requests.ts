import type { SeededOrg } from "./reads-seed.js";

/** GET `/api/v1/<path>` with the org's token; resolves to the parsed JSON body, throws on a non-2xx. */
export type Get = (path: string, params?: Record<string, string | undefined>) => Promise<unknown>;

export interface ReadRequest {
  name: string;
  /** Which of the targets it is held to. */
  kind: "metrics" | "page" | "one" | "other";
  run(get: Get, org: SeededOrg): Promise<unknown>;
}

const year = (org: SeededOrg) => ({ since: org.since.toISOString(), until: org.until.toISOString() });

const nextCursorOf = (body: unknown): string | undefined => {
  const cursor = (body as { nextCursor?: unknown }).nextCursor;
  return typeof cursor === "string" ? cursor : undefined;
};

/**
 * Only the tenth page's own request is timed: the warm-up run follows `nextCursor` through the nine
 * before it and keeps the tenth's cursor for the timed runs.
 */
function tenthPageRequest(): ReadRequest {
  let cursor: string | undefined;
  return {
    name: "GET /pulls, tenth page",
    kind: "page",
    run: async (get) => {
      if (!cursor) {
        let found: string | undefined;
        for (let page = 1; page < 10; page += 1) {
          found = nextCursorOf(await get("pulls", { cursor: found }));
          if (!found) throw new Error(`the PR list ended at page ${page}`);
        }
        cursor = found;
      }
      return get("pulls", { cursor });
    },
  };
}

/**
 * The requests of one size, made afresh for each: the tenth page's cursor is found at the size it is
 * timed at (a cursor kept from a smaller organisation carries that one's pace, and its first window
 * would hold five times a page).
 */
export const readRequests = (): readonly ReadRequest[] => [
  { name: "GET /metrics, the year", kind: "metrics", run: (get, org) => get("metrics", year(org)) },
  ...(["week", "repo", "author", "reviewer"] as const).map((groupBy): ReadRequest => ({
    name: `GET /metrics, the year by ${groupBy}`,
    kind: "metrics",
    run: (get, org) => get("metrics", { ...year(org), groupBy }),
  })),
  { name: "GET /metrics (default: 30 days)", kind: "metrics", run: (get) => get("metrics") },
  { name: "GET /dora, the year", kind: "metrics", run: (get, org) => get("dora", year(org)) },
  { name: "GET /pulls, first page", kind: "page", run: (get) => get("pulls") },
  tenthPageRequest(),
  {
    name: "GET /pulls/:owner/:repo/:number",
    kind: "one",
    run: (get, org) => get(`pulls/${org.samplePr.repo}/${org.samplePr.number}`),
  },
  { name: "GET /sync", kind: "other", run: (get) => get("sync") },
];

/** The requests' names and kinds, in order (the table's rows). */
export const READ_REQUESTS: readonly Pick<ReadRequest, "name" | "kind">[] = readRequests();

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The dashboard's default range (src/dashboard/public/filters.js): this week and the 11 before, whole days. */
function dashboardRange(now: Date) {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY_MS);
  const since = new Date(monday.getTime() - 7 * 11 * DAY_MS);
  const until = new Date(today.getTime() + DAY_MS);
  return {
    since: isoDay(since),
    until: isoDay(until),
    days: Math.round((until.getTime() - since.getTime()) / DAY_MS),
  };
}

/** src/dashboard/public/slow-prs.js's WAITING_ROWS: the open PRs the table lists. */
const WAITING_ROWS = "15";

/**
 * Every call src/dashboard/public/main.js makes to show its first view, in its order: `/sync`, then the
 * metrics and the open PRs waiting longest in parallel as the browser sends them, then DORA.
 */
export async function firstView(get: Get, _org: SeededOrg, now: Date): Promise<void> {
  const { since, until, days } = dashboardRange(now);
  const range = { since, until };
  const previous = {
    since: isoDay(new Date(new Date(`${since}T00:00:00Z`).getTime() - days * DAY_MS)),
    until: since,
  };
  await get("sync");
  await Promise.all([
    get("metrics", { ...range, groupBy: "week" }),
    get("metrics", { ...range, groupBy: "reviewer" }),
    get("metrics", range),
    get("metrics", previous),
    get("pulls/waiting", { limit: WAITING_ROWS }),
  ]);
  await get("dora", range);
}
