import type { PullRequestState } from "../records/types.js";
import { DAY_MS } from "./week.js";

/** Days of a week, Monday first. */
export const WEEK_DAYS = 7;

/** What a repository-week's counts are read for: PRs opened, still open, and open drafts, per day opened. */
export const COUNTED = ["opened", "open", "drafts"] as const;
export type Counted = (typeof COUNTED)[number];

export interface CountedPullRequest {
  createdAt: Date;
  state: PullRequestState;
  draft: boolean;
}

/**
 * The counts of the PRs opened in the week starting `week`, by the day they were opened: `opened`'s seven
 * days, then `open`'s, then `drafts'`. Kept with the rollups, so `/sync` and the open-PR list count from a
 * few numbers per repository-week instead of reading every PR (the embedded server materialises each).
 */
export function countWeek(prs: readonly CountedPullRequest[], week: Date): number[] {
  const counts: number[] = new Array<number>(COUNTED.length * WEEK_DAYS).fill(0);
  for (const pr of prs) {
    const day = Math.floor((pr.createdAt.getTime() - week.getTime()) / DAY_MS);
    if (day < 0 || day >= WEEK_DAYS) continue;
    counts[day] += 1;
    if (pr.state !== "open") continue;
    counts[WEEK_DAYS + day] += 1;
    if (pr.draft) counts[2 * WEEK_DAYS + day] += 1;
  }
  return counts;
}

/** One kind's count over the days [from, to) of a week's counts (`countWeek`'s layout). */
export function countOf(counts: ArrayLike<number>, kind: Counted, from = 0, to = WEEK_DAYS): number {
  const base = COUNTED.indexOf(kind) * WEEK_DAYS;
  let sum = 0;
  for (let day = Math.max(0, from); day < Math.min(WEEK_DAYS, to); day += 1) sum += counts[base + day];
  return sum;
}
