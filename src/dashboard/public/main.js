/* global document, window, localStorage, history, setTimeout, clearTimeout, URLSearchParams, Chart */
import { ApiError, createApi } from "./api.js";
import * as describe from "./chart-configs.js";
import { drawDora } from "./dora.js";
import { renderChart, setChartDefaults } from "./charts.js";
import {
  describeRange,
  initFilters,
  onFiltersChange,
  readFilters,
  rememberFilters,
  setRepositories,
} from "./filters.js";
import { addDays, isoDay } from "./format.js";
import { emptyReason, showState, syncingCount, syncingMessage } from "./messages.js";
import { WAITING_ROWS, renderSlowPrs } from "./slow-prs.js";
import { renderSummary } from "./summary.js";

/**
 * The dashboard page: asks for the API token once (kept in localStorage), then draws every chart from
 * `/api/v1` for the chosen repository and range. A newer filter choice wins over answers still in flight.
 * While repositories are still syncing it reads everything again every few seconds until they are done.
 */

const TOKEN_KEY = "mergelens.apiToken";
const POLL_MS = 4000;
const DAY_MS = 86_400_000;
const API_ROOT = new URL("../../api/v1/", import.meta.url);
const GITHUB_URL = document.querySelector('meta[name="mergelens-github-url"]').content;

let api;
let repos = [];
let generation = 0;
let pollTimer;

function storedToken() {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function fail(error) {
  if (error instanceof ApiError && error.status === 401) {
    showState(
      "unauthorized",
      "The server rejected this API token (401): it may be mistyped, revoked, or from another mergelens " +
        "server. Paste a valid token below, or forget this one.",
    );
  } else if (error instanceof ApiError) {
    showState("error", `The API could not answer: ${error.message}`);
  } else {
    showState("error", `Something went wrong while drawing the dashboard: ${error.message}`);
  }
}

/**
 * A token handed over in the address (`/dashboard#token=…`, the demo's one-click link) is stored like a
 * pasted one, and the fragment cleared at once so it stays out of the history and of shared links.
 */
function takeTokenFromFragment() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token === null) return;
  history.replaceState(null, "", window.location.pathname + window.location.search);
  if (token.trim()) localStorage.setItem(TOKEN_KEY, token.trim());
}

/** The range of the same length just before `since`/`until` (`YYYY-MM-DD`), for the tiles' comparison. */
function previousRange({ since, until }) {
  const start = new Date(`${since}T00:00:00Z`);
  const days = Math.round((new Date(`${until}T00:00:00Z`) - start) / DAY_MS);
  return { since: isoDay(addDays(start, -days)), until: since };
}

function draw({ weekly, byReviewer, total, previous, waiting }) {
  const range = { since: weekly.since, until: weekly.until };
  renderSummary(total, previous);
  renderChart("cycle-time", describe.cycleTime(weekly.groups, range));
  renderChart("throughput", describe.throughput(weekly.groups, range));
  renderChart("pr-size", describe.prSize(total.groups[0]?.prsMergedBySize));
  renderChart("review-load", describe.reviewLoad(byReviewer.groups));
  renderChart("ci", describe.ci(weekly.groups, range));
  renderChart("reverts-hotfixes", describe.revertsAndHotfixes(weekly.groups, range));
  renderChart("ai-share", describe.aiShare(weekly.groups, range));
  renderSlowPrs(waiting, { githubUrl: GITHUB_URL, now: new Date() });
}

/** Reads the repositories' sync state again, then everything else, while some are still syncing. */
function pollWhileSyncing() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    try {
      repos = (await api.get("sync")).repos;
    } catch (error) {
      fail(error);
      return;
    }
    setRepositories(repos);
    await refresh();
  }, POLL_MS);
}

async function refresh() {
  const filters = readFilters();
  if (filters.error) {
    showState("error", filters.error);
    return;
  }
  rememberFilters(filters);
  describeRange(filters);
  const current = ++generation;
  clearTimeout(pollTimer);
  // A poll redraws in place; only a change of filters (or the first load) says "Loading…".
  if (document.body.dataset.state !== "syncing") showState("loading", "Loading…");
  const range = { repo: filters.repo, since: filters.since, until: filters.until };
  try {
    const [weekly, byReviewer, total, previous, waiting] = await Promise.all([
      api.get("metrics", { ...range, groupBy: "week" }),
      api.get("metrics", { ...range, groupBy: "reviewer" }),
      api.get("metrics", range),
      api.get("metrics", { repo: filters.repo, ...previousRange(range) }),
      api.get("pulls/waiting", { repo: filters.repo, limit: WAITING_ROWS }),
    ]);
    if (current !== generation) return;
    draw({ weekly, byReviewer, total, previous, waiting });
    await drawDora(api, range, () => current === generation);
    const quiet = weekly.groups.every((group) => group.prsMerged === 0 && group.prsOpened === 0);
    if (syncingCount(repos) > 0) {
      showState("syncing", syncingMessage(repos));
      pollWhileSyncing();
    } else if (quiet && waiting.open === 0) showState("empty", emptyReason(repos, filters));
    else showState("ready");
  } catch (error) {
    if (current === generation) fail(error);
  }
}

async function connect() {
  const token = storedToken();
  document.getElementById("session").hidden = !token;
  if (!token) {
    showState("no-token", "No API token yet: paste one below to see the dashboard.");
    return;
  }
  api = createApi(API_ROOT, token);
  showState("loading", "Loading…");
  try {
    repos = (await api.get("sync")).repos;
  } catch (error) {
    fail(error);
    return;
  }
  setRepositories(repos);
  await refresh();
}

document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("token-input");
  const token = input.value.trim();
  if (!token) return;
  localStorage.setItem(TOKEN_KEY, token);
  input.value = "";
  connect();
});

document.getElementById("forget-token").addEventListener("click", () => {
  localStorage.removeItem(TOKEN_KEY);
  // A fresh page: nothing drawn from the forgotten token stays in memory or in the document.
  window.location.reload();
});

onFiltersChange(() => {
  if (api) refresh();
});

takeTokenFromFragment();
if (typeof Chart === "undefined") {
  showState("error", "The chart library did not load; check that /dashboard/assets/ is reachable.");
} else {
  setChartDefaults();
  initFilters(new Date());
  connect();
}
