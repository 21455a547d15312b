import type { SimulatedOrg } from "../src/simulator/generate-org.js";
import type { CheckRunModel } from "../src/simulator/model.js";
import type { Store } from "../src/storage/store.js";
import type { PullListCounts } from "./baseline-rest.js";

/** GitHub's caps on a PR's lists (the simulator applies them as GitHub does). */
const COMMITS_CAP = 250;
const FILES_CAP = 3000;

/** The lists both sides must hold for a PR to count as synced with complete data. */
export type SyncedCounts = Omit<PullListCounts, "timeline">;

export interface CompletenessCheck {
  /** How many PRs were compared list by list. */
  sampled: number;
  /** How many of them had every list complete. */
  matching: number;
  /** `#12 files: 140 of 212`; empty when every sampled list was complete. */
  mismatches: string[];
}

/** Up to `size` PR numbers spread evenly over 1..total, always including the first and the last. */
export function samplePullNumbers(total: number, size: number): number[] {
  if (total <= size) return Array.from({ length: total }, (_, i) => i + 1);
  const step = (total - 1) / (size - 1);
  return Array.from({ length: size }, (_, i) => 1 + Math.round(i * step));
}

/** REST's default `filter=latest`: the newest run of each name. */
function latestRuns(runs: CheckRunModel[]): number {
  return new Set(runs.map((run) => run.name)).size;
}

/** What a complete sync of this PR holds, read from the simulator's own model. */
export function expectedCounts(org: SimulatedOrg, repo: string, number: number): PullListCounts {
  const pull = org.pull(repo, number);
  if (!pull) throw new Error(`the simulator has no ${repo}#${number}`);
  const details = org.detailsOf(pull);
  return {
    commits: Math.min(details.commits().length, COMMITS_CAP),
    files: Math.min(details.files().length, FILES_CAP),
    reviews: details.reviews().length,
    reviewComments: details.reviewComments().length,
    issueComments: details.issueComments().length,
    timeline: details.timeline().length,
    checkRuns: latestRuns(details.checkRuns()),
  };
}

/** What mergelens stored for one PR, or null when the PR is missing or not marked `dataComplete`. */
export async function storedCounts(
  store: Store,
  scope: { installationId: number; repoId: number },
  number: number,
): Promise<SyncedCounts | null> {
  const pr = await store.pullRequests.findOne({ ...scope, number }).lean();
  if (!pr?.dataComplete) return null;
  const own = { ...scope, prNumber: number };
  return {
    commits: await store.commits.countDocuments(own),
    files: await store.changedFiles.countDocuments(own),
    reviews: await store.reviews.countDocuments(own),
    reviewComments: await store.comments.countDocuments({ ...own, kind: "review" }),
    issueComments: await store.comments.countDocuments({ ...own, kind: "issue" }),
    checkRuns: await store.checkRuns.countDocuments({ ...scope, headSha: pr.headSha }),
  };
}

/** Compares the sampled PRs list by list; `actual` answers null for a PR that was not synced at all. */
export async function checkCompleteness(
  numbers: number[],
  expected: (number: number) => PullListCounts,
  actual: (number: number) => Promise<Partial<PullListCounts> | null>,
): Promise<CompletenessCheck> {
  const mismatches: string[] = [];
  let matching = 0;
  for (const number of numbers) {
    const got = await actual(number);
    if (!got) {
      mismatches.push(`#${number} missing or not dataComplete`);
      continue;
    }
    const want = expected(number);
    const wrong = Object.entries(got)
      .filter(([list, count]) => count !== want[list as keyof PullListCounts])
      .map(([list, count]) => `#${number} ${list}: ${count} of ${want[list as keyof PullListCounts]}`);
    mismatches.push(...wrong);
    if (wrong.length === 0) matching += 1;
  }
  return { sampled: numbers.length, matching, mismatches };
}
