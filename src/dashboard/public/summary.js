/* global document */
import {
  countAndRelativeChange,
  countChange,
  describeChange,
  pointsChange,
  relativeChange,
} from "./comparison.js";
import { formatHours, formatNumber, formatShare } from "./format.js";

/**
 * The headline figures of the whole range (the API's ungrouped `all` group), as a row of tiles, each
 * with its change against the previous period of the same length.
 */

const DAY_MS = 86_400_000;

function tile(term, value, detail, change) {
  const wrapper = document.createElement("div");
  wrapper.className = "tile";
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  wrapper.append(dt, dd);
  for (const [text, className] of [
    [detail, "detail"],
    [change, "detail change"],
  ]) {
    if (!text) continue;
    const extra = document.createElement("dd");
    extra.className = className;
    extra.textContent = text;
    wrapper.append(extra);
  }
  return wrapper;
}

/** `current` and `previous` are `GET /api/v1/metrics` answers without grouping, for back-to-back ranges. */
export function renderSummary(current, previous) {
  const all = current.groups[0];
  const before = previous.groups[0];
  const days = Math.round((new Date(current.until) - new Date(current.since)) / DAY_MS);
  const vs = (change) => describeChange(change, days);
  const cycle = all.cycleTimeHours;
  const pickup = all.pickupTimeHours;
  const incidents = `${countChange(all.revertCount, before.revertCount)} · ${countChange(all.hotfixCount, before.hotfixCount)}`;
  document
    .getElementById("summary")
    .replaceChildren(
      tile(
        "Merged",
        formatNumber(all.prsMerged),
        `${formatNumber(all.prsOpened)} opened`,
        vs(countAndRelativeChange(all.prsMerged, before.prsMerged)),
      ),
      tile(
        "Cycle time (median)",
        formatHours(cycle.median),
        `p75 ${formatHours(cycle.p75)}`,
        vs(relativeChange(cycle.median, before.cycleTimeHours.median)),
      ),
      tile(
        "Pickup time (median)",
        formatHours(pickup.median),
        `p75 ${formatHours(pickup.p75)}`,
        vs(relativeChange(pickup.median, before.pickupTimeHours.median)),
      ),
      tile(
        "Reviewed before merge",
        formatShare(all.reviewedShare),
        null,
        vs(pointsChange(all.reviewedShare, before.reviewedShare)),
      ),
      tile(
        "Check runs failed",
        formatShare(all.ciFailureRate),
        `${formatNumber(all.checkRunsCount)} runs`,
        vs(pointsChange(all.ciFailureRate, before.ciFailureRate)),
      ),
      tile("Reverts · hotfixes", `${all.revertCount} · ${all.hotfixCount}`, null, vs(incidents)),
      tile(
        "AI-assisted",
        formatShare(all.aiAssistedShare),
        null,
        vs(pointsChange(all.aiAssistedShare, before.aiAssistedShare)),
      ),
    );
}
