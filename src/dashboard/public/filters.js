/* global document, window, history, URLSearchParams, Option */
import { addDays, isoDay, weekStart } from "./format.js";

/**
 * Repository and date-range filters. The range is whole UTC days, `to` inclusive (the API's `until` is the
 * day after); it defaults to the last 12 weeks: this week and the 11 before it. The filters live in the
 * address (`?repo=&from=&to=`), so a view can be bookmarked or shared; the token never does.
 */

const DEFAULT_WEEKS = 12;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const elements = () => ({
  form: document.getElementById("filters"),
  repo: document.getElementById("repo-filter"),
  from: document.getElementById("from-filter"),
  to: document.getElementById("to-filter"),
  note: document.getElementById("range-note"),
});

export function defaultRange(now) {
  return { from: isoDay(addDays(weekStart(now), -7 * (DEFAULT_WEEKS - 1))), to: isoDay(now) };
}

/** Fills the inputs from the address, or the defaults. */
export function initFilters(now) {
  const { from, to } = elements();
  const params = new URLSearchParams(window.location.search);
  const range = defaultRange(now);
  from.value = DAY.test(params.get("from") ?? "") ? params.get("from") : range.from;
  to.value = DAY.test(params.get("to") ?? "") ? params.get("to") : range.to;
}

/** The repository choices: every repository the token's installation tracks. */
export function setRepositories(repos) {
  const { repo } = elements();
  const wanted = new URLSearchParams(window.location.search).get("repo") ?? repo.value;
  repo.replaceChildren(new Option("All repositories", ""));
  for (const { repo: name } of repos) repo.append(new Option(name, name));
  repo.value = repos.some((entry) => entry.repo === wanted) ? wanted : "";
}

/** The current filters as API parameters, or `{ error }` when the range is unusable. */
export function readFilters() {
  const { repo, from, to } = elements();
  if (!DAY.test(from.value) || !DAY.test(to.value)) return { error: "Choose both a start and an end date." };
  if (from.value > to.value) return { error: "The start date must not be after the end date." };
  const until = isoDay(addDays(new Date(`${to.value}T00:00:00Z`), 1));
  return { repo: repo.value || undefined, since: from.value, until, from: from.value, to: to.value };
}

/** Keeps the address in step with the filters (without adding history entries). */
export function rememberFilters(filters) {
  const params = new URLSearchParams();
  if (filters.repo) params.set("repo", filters.repo);
  params.set("from", filters.from);
  params.set("to", filters.to);
  history.replaceState(null, "", `${window.location.pathname}?${params}`);
}

export function describeRange(filters) {
  const { note } = elements();
  note.textContent = `${filters.repo ?? "All repositories"}, ${filters.from} to ${filters.to} (UTC)`;
}

export function onFiltersChange(listener) {
  const { form } = elements();
  form.addEventListener("change", listener);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    listener();
  });
}
