/* global document */
import { formatHours, formatNumber, formatShare } from "./format.js";

/** The headline figures of the whole range (the API's ungrouped `all` group), as a row of tiles. */

function tile(term, value, detail) {
  const wrapper = document.createElement("div");
  wrapper.className = "tile";
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  wrapper.append(dt, dd);
  if (detail) {
    const extra = document.createElement("dd");
    extra.className = "detail";
    extra.textContent = detail;
    wrapper.append(extra);
  }
  return wrapper;
}

export function renderSummary(all) {
  const cycle = all.cycleTimeHours;
  const pickup = all.pickupTimeHours;
  document
    .getElementById("summary")
    .replaceChildren(
      tile("Merged", formatNumber(all.prsMerged), `${formatNumber(all.prsOpened)} opened`),
      tile("Cycle time (median)", formatHours(cycle.median), `p75 ${formatHours(cycle.p75)}`),
      tile("Pickup time (median)", formatHours(pickup.median), `p75 ${formatHours(pickup.p75)}`),
      tile("Reviewed before merge", formatShare(all.reviewedShare)),
      tile("Check runs failed", formatShare(all.ciFailureRate), `${formatNumber(all.checkRunsCount)} runs`),
      tile("Reverts · hotfixes", `${all.revertCount} · ${all.hotfixCount}`),
      tile("AI-assisted", formatShare(all.aiAssistedShare)),
    );
}
