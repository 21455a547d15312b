/* global document */
import { formatAge } from "./format.js";

/**
 * The open pull requests that have waited longest, oldest first, linked to GitHub, from
 * `/api/v1/pulls/waiting`. Drafts are counted but not listed: nobody is expected to act on them yet.
 */

/** Rows the table shows: the API lists this many and counts the rest. */
export const WAITING_ROWS = 15;

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

/** `waiting`: `{ open, drafts, items }`, the items the oldest open non-draft PRs, oldest first. */
export function renderSlowPrs(waiting, { githubUrl, now }) {
  const rows = waiting.items.map((pr) => {
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
  const ready = waiting.open - waiting.drafts;
  const notes = [`${ready} open, oldest first; currently open, whatever the date range.`];
  if (ready > waiting.items.length) notes.push(`Showing the ${waiting.items.length} oldest.`);
  if (waiting.drafts > 0) notes.push(`${waiting.drafts} draft${waiting.drafts === 1 ? "" : "s"} not listed.`);
  document.getElementById("slow-note").textContent = notes.join(" ");
}
