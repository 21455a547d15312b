/**
 * The arithmetic every metric shares: rounding, time differences, shares. METRICS.md: durations are
 * plain numbers rounded to 2 decimals and no further; shares and rates keep 4 decimals so a percentage
 * keeps 2.
 */

const MS_PER_HOUR = 3_600_000;

/** Rounds half up at `decimals`; `toPrecision(15)` first strips binary noise (1.005 × 100 = 100.4999…). */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(15))) / factor;
}

export const round2 = (value: number): number => roundTo(value, 2);
export const round4 = (value: number): number => roundTo(value, 4);

/** `to − from` in hours, rounded; null when either end is unknown. */
export function hoursBetween(from: Date | null, to: Date | null): number | null {
  return from && to ? round2((to.getTime() - from.getTime()) / MS_PER_HOUR) : null;
}

/** Like hoursBetween, but a negative difference (e.g. a review before readyAt) counts as 0. */
export function clampedHoursBetween(from: Date | null, to: Date | null): number | null {
  const hours = hoursBetween(from, to);
  return hours === null ? null : Math.max(0, hours);
}

/** Milliseconds to seconds, rounded. */
export const msToSeconds = (ms: number): number => round2(ms / 1000);

/** Milliseconds to hours, rounded. */
export const msToHours = (ms: number): number => round2(ms / MS_PER_HOUR);

/** A share of a whole; null when there is nothing to share (never 0 for missing). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round4(part / whole);
}

/** The earliest of some dates; null when there are none. */
export function earliest(dates: Iterable<Date | null>): Date | null {
  let best: Date | null = null;
  for (const date of dates) if (date && (!best || date.getTime() < best.getTime())) best = date;
  return best;
}
