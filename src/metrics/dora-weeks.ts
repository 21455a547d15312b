import { doraOf, prepareDeployments, type DoraInput } from "./dora.js";
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
  // The deployments are read once, and each week takes only the PRs merged in it.
  const prepared = prepareDeployments(input);
  const keys = weekKeysBetween(input.since, input.until);
  const first = keys.length > 0 ? new Date(`${keys[0]}T00:00:00Z`).getTime() : 0;
  const merged = keys.map((): DoraInput["prs"][number][] => []);
  for (const pr of input.prs) {
    const index = pr.mergedAt ? Math.floor((pr.mergedAt.getTime() - first) / WEEK_MS) : -1;
    if (index >= 0 && index < keys.length) merged[index].push(pr);
  }
  return keys.map((week, index) => {
    const start = new Date(`${week}T00:00:00Z`);
    const {
      since: _since,
      until: _until,
      ...figures
    } = doraOf(prepared, {
      ...input,
      prs: merged[index],
      since: later(start, input.since),
      until: earlier(new Date(start.getTime() + WEEK_MS), input.until),
    });
    return { week, ...figures };
  });
}
