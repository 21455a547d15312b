/**
 * How a headline figure changed against the previous period of the same length, in words a tile can
 * carry: relative for counts and times, percentage points for shares (a share's own % would mislead).
 */

const round1 = (value) => Math.round(value * 10) / 10;
const signed = (value, unit) => (value > 0 ? `+${value}${unit}` : `−${Math.abs(value)}${unit}`);

/** `+20%`, `−12.5%`, `no change`; `new` when there was none before; null when either value is missing. */
export function relativeChange(current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (current === previous) return "no change";
  if (previous === 0) return "new";
  return signed(round1(((current - previous) / previous) * 100), "%");
}

/** A share's change in percentage points: `+5 pts`, `−0.4 pts`. */
export function pointsChange(current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const points = round1((current - previous) * 100);
  return points === 0 ? "no change" : signed(points, " pts");
}

/** A count's change: `+3`, `−1`. */
export function countChange(current, previous) {
  if (current === previous) return "no change";
  return signed(current - previous, "");
}

/** `vs previous 84 days: +20%`, or a plain note when the previous period has no value to compare. */
export const describeChange = (change, days) =>
  change === null ? `nothing to compare in the previous ${days} days` : `${change} vs previous ${days} days`;
