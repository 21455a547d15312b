/* global document */
import { formatAge } from "./format.js";

/**
 * The open pull requests that have waited longest, oldest first, linked to GitHub. Drafts are counted but
 * not listed: nobody is expected to act on them yet.
 */

const MAX_ROWS = 15;

/** What the PR is waiting for next, from its review milestones. */
function waitingFor(pr) {
  if (!pr.firstReviewAt) return "First review";
  if (!pr.firstApprovalAt) return "Approval";
  return "Merge";
}

function cell(content, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.append(content);
  return td;
}

function link(pr, githubUrl) {
  const anchor = document.createElement("a");
  anchor.href = `${githubUrl}/${pr.repo}/pull/${pr.number}`;
  anchor.rel = "noopener noreferrer";
  anchor.textContent = `${pr.repo}#${pr.number}`;
  const title = document.createElement("span");
  title.className = "pr-title";
  title.textContent = pr.title;
  const wrapper = document.createElement("div");
  wrapper.append(anchor, title);
  // The API lists the fields stored cut to their bound; the title is the one shown here.
  if (pr.truncated.includes("title")) {
    const note = document.createElement("span");
    note.className = "cut-note";
    note.textContent = "Title shortened when stored: GitHub has it whole.";
    wrapper.append(note);
  }
  return wrapper;
}

const size = (pr) =>
  pr.additions === null || pr.deletions === null ? "—" : `+${pr.additions} −${pr.deletions}`;

export function renderSlowPrs(list, { githubUrl, now }) {
  const ready = list.items
    .filter((pr) => !pr.draft)
    .sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.repo.localeCompare(b.repo) || a.number - b.number,
    );
  const rows = ready.slice(0, MAX_ROWS).map((pr) => {
    const row = document.createElement("tr");
    row.append(
      cell(link(pr, githubUrl)),
      cell(
        pr.author.isBot && !pr.author.login.endsWith("[bot]") ? `${pr.author.login} (bot)` : pr.author.login,
      ),
      cell(formatAge(pr.createdAt, now), "number"),
      cell(waitingFor(pr)),
      cell(size(pr), "number"),
    );
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement("tr");
    const td = cell("No open pull requests are waiting.", "empty-row");
    td.colSpan = 5;
    row.append(td);
    rows.push(row);
  }
  document.querySelector("#slow-prs tbody").replaceChildren(...rows);
  const drafts = list.items.length - ready.length;
  const notes = [`${ready.length} open, oldest first; currently open, whatever the date range.`];
  if (ready.length > MAX_ROWS) notes.push(`Showing the ${MAX_ROWS} oldest.`);
  if (drafts > 0) notes.push(`${drafts} draft${drafts === 1 ? "" : "s"} not listed.`);
  if (list.truncated) notes.push("There are more open pull requests than the dashboard reads at once.");
  document.getElementById("slow-note").textContent = notes.join(" ");
}
