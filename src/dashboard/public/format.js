/** How the dashboard writes numbers and dates; every date is UTC, like the API's. */

const DAY_MS = 86_400_000;

const weekLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** A week key (`2024-05-06`, its Monday) as a short axis label: `6 May`. */
export const formatWeek = (key) => weekLabel.format(new Date(`${key}T00:00:00Z`));

/** `YYYY-MM-DD` of a Date, in UTC. */
export const isoDay = (date) => date.toISOString().slice(0, 10);

/** The Monday 00:00 UTC that starts the ISO week holding `date` (as METRICS.md keys weeks). */
export function weekStart(date) {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS);
}

export const addDays = (date, days) => new Date(date.getTime() + days * DAY_MS);

const round1 = (value) => Math.round(value * 10) / 10;

/** Hours as people read them: `45 min`, `5.5 h`, `3.2 d`; `—` for a missing value. */
export function formatHours(hours) {
  if (hours === null || hours === undefined) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${round1(hours)} h`;
  return `${round1(hours / 24)} d`;
}

/** A share (0..1) as a percentage; `—` for a missing value. */
export const formatShare = (share) =>
  share === null || share === undefined ? "—" : `${round1(share * 100)}%`;

/** A plain number with at most one decimal; `—` for a missing value. */
export const formatNumber = (value) => (value === null || value === undefined ? "—" : String(round1(value)));

/** How long ago `iso` was, in whole days (or hours under a day). */
export function formatAge(iso, now) {
  const hours = (now.getTime() - new Date(iso).getTime()) / 3_600_000;
  if (hours < 24) return `${Math.max(0, Math.floor(hours))} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}
