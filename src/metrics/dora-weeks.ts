import { computeDora, type DoraInput } from "./dora.js";
import { WEEK_MS, weekKeysBetween } from "./week.js";

/** The delivery figures of one ISO week (key: its Monday, `YYYY-MM-DD`), cut to the range asked. */
export interface DoraWeek {
  week: string;
  deploymentsCount: number;
  deploymentFrequencyPerWeek: number | null;
  leadTimeForChangesHours: number | null;
  changeFailureRate: number | null;
  timeToRestoreHours: number | null;
}

const later = (a: Date, b: Date) => (a.getTime() > b.getTime() ? a : b);
const earlier = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

/**
 * The figures of every week overlapping [since, until), each over the part of the week inside the
 * range, by the same rules as the whole range (a quiet week is a real zero, as in METRICS.md's weekly
 * groups). A first or last partial week's frequency is still per week: its count ÷ its share of a week.
 */
export function computeDoraWeeks(input: DoraInput): DoraWeek[] {
  return weekKeysBetween(input.since, input.until).map((week) => {
    const start = new Date(`${week}T00:00:00Z`);
    const {
      since: _since,
      until: _until,
      ...figures
    } = computeDora({
      ...input,
      since: later(start, input.since),
      until: earlier(new Date(start.getTime() + WEEK_MS), input.until),
    });
    return { week, ...figures };
  });
}
