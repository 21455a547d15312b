/**
 * How a headline figure changed against the previous period of the same length, in words a tile can
 * carry: relative for counts and times, percentage points for shares (a share's own % would mislead).
 */

const round1 = (value) => Math.round(value * 10) / 10;
const signed = (value, unit) => (value > 0 ? `+${value}${unit}` : `−${Math.abs(value)}${unit}`);

/** `+20%`, `−12.5%`, `no change`; null when either value is missing or the previous one is 0. */
export function relativeChange(current, previous) {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (current === previous) return "no change";
  if (previous === 0) return null;
  return signed(round1(((current - previous) / previous) * 100), "%");
}

/** A count's change, with its relative size where there is one: `+4 (+400%)`, `+5`, `no change`. */
export function countAndRelativeChange(current, previous) {
  const count = countChange(current, previous);
  const relative = relativeChange(current, previous);
  return relative === null || count === "no change" ? count : `${count} (${relative})`;
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

/** `+20% vs previous 84 days`, or a short note when the previous period has no value to compare. */
export const describeChange = (change, days) =>
  change === null ? `no data for previous ${days} days` : `${change} vs previous ${days} days`;
