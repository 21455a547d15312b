/* global document */
/**
 * What the page is doing, for people and for tests: one message line (announced politely to screen
 * readers), which panels show, and `body[data-state]` naming the state.
 */

const STATES = {
  "no-token": { tone: "info", token: true, dashboard: false },
  unauthorized: { tone: "error", token: true, dashboard: false },
  loading: { tone: "info", token: false, dashboard: true },
  ready: { tone: "info", token: false, dashboard: true },
  syncing: { tone: "info", token: false, dashboard: true },
  empty: { tone: "warning", token: false, dashboard: true },
  error: { tone: "error", token: false, dashboard: true },
};

export function showState(state, text = "") {
  const { tone, token, dashboard } = STATES[state];
  document.body.dataset.state = state;
  const message = document.getElementById("message");
  message.className = `message ${tone}`;
  message.textContent = text;
  message.hidden = text === "";
  document.getElementById("token-panel").hidden = !token;
  document.getElementById("dashboard").hidden = !dashboard;
  document.getElementById("dashboard").setAttribute("aria-busy", String(state === "loading"));
  if (token) document.getElementById("token-input").focus();
}

/** Why a token-holder sees nothing: no repositories yet, or none with PRs in the range. */
export function emptyReason(repos, filters) {
  if (repos.length === 0) {
    return "No repositories are tracked for this token's installation yet. Install the GitHub App on a repository; its pull requests appear here after the first sync.";
  }
  const syncing = syncingCount(repos);
  const scope = filters.repo ?? "any repository";
  const hint = syncing > 0 ? ` ${syncing} of ${repos.length} repositories are still syncing.` : "";
  return `No pull requests were opened or merged in ${scope} between ${filters.from} and ${filters.to}, and none are open.${hint}`;
}

/** Repositories whose first sync (or a later one) has not finished yet. */
export const syncingCount = (repos) =>
  repos.filter((entry) => entry.status === "pending" || entry.status === "syncing").length;

/** "2 of 3 repositories are still syncing…", in the right number for one or all of them. */
export function syncingMessage(repos) {
  const syncing = syncingCount(repos);
  const who =
    repos.length === 1
      ? "The repository is"
      : syncing === repos.length
        ? `All ${syncing} repositories are`
        : `${syncing} of ${repos.length} ${syncing === 1 ? "repositories is" : "repositories are"}`;
  const until = syncing === 1 ? "it is" : "they are";
  return `${who} still syncing: the dashboard updates every few seconds until ${until} done.`;
}
