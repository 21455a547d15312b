import { createToken } from "../src/api/tokens.js";
import { rebuildRollups } from "../src/convert/rebuild-rollups.js";
import { rebuildRepositoryDeploymentWeeks } from "../src/storage/deployment-weeks/rebuild.js";
import { earliest } from "../src/metrics/arithmetic.js";
import { rollupWeeksOf } from "../src/metrics/rollup-build.js";
import { WEEK_MS, weekStart } from "../src/metrics/week.js";
import { computePullRequestMetrics } from "../src/metrics/pull-request-metrics.js";
import { deriveReadyAt } from "../src/metrics/ready-at.js";
import { DEFAULT_REPO_CONFIG } from "../src/metrics/repo-config.js";
import type {
  Actor,
  CommitRecord,
  DeploymentRecord,
  PullRequestRecord,
  PullRequestState,
  ReviewRecord,
} from "../src/records/types.js";
import { DAY, HOUR, chance, int, pick, rng, sha, skewed, type Rng } from "../src/simulator/random.js";
import type { Store } from "../src/storage/store.js";

/**
 * The `reads` section's organisation: PRs over 20 repositories and one year, by 200 authors, stored in the
 * app's own shape. PRs and their reviews and commits are built as the sync extracts them, their derived
 * fields computed by the convert step's own functions (`deriveReadyAt`, `computePullRequestMetrics`, as
 * `derivePullRequests` does), and stored with `insertMany` in large batches through the app's models (then
 * each repository's rollups rebuilt by the convert step's `rebuildRollups`, as `mergelens recompute` does): one
 * write per PR through the webhook or sync path would take hours at 250,000 PRs. Of the related records
 * only what a read uses is stored: merged PRs' commits (DORA's lead time) and deployments; reviews live on
 * in the PR's derived fields, which is all the reads use of them. The embedded server stores ~200 PRs/s.
 */
export const READS_REPOS = 20;
export const READS_AUTHORS = 200;
export const READS_INSTALLATION = 4242;
const ORG = "bigcorp";
const BATCH = 5_000;

export interface SeededOrg {
  installationId: number;
  token: string;
  /** The year's end: midnight UTC after the newest PR, and the start of that year. */
  until: Date;
  since: Date;
  repos: string[];
  /** A PR stored there, for the one-PR request. */
  samplePr: { repo: string; number: number };
}

const person = (index: number): Actor => ({ login: `dev-${index}`, id: 10_000 + index, type: "User" });

interface BuiltPr {
  pr: PullRequestRecord;
  reviews: ReviewRecord[];
  commits: CommitRecord[];
}

function stateOf(r: Rng, createdAt: Date, until: Date): PullRequestState {
  const recent = until.getTime() - createdAt.getTime() < 14 * DAY;
  if (recent && chance(r, 0.4)) return "open";
  return chance(r, 0.88) ? "merged" : "closed";
}

function buildPr(repoIndex: number, number: number, since: Date, until: Date): BuiltPr {
  const r = rng("reads", repoIndex, number);
  const scope = { installationId: READS_INSTALLATION, repoId: 900_000 + repoIndex };
  const span = until.getTime() - since.getTime();
  const createdAt = new Date(since.getTime() + Math.floor(r() * span));
  const state = stateOf(r, createdAt, until);
  const authorIndex = int(r, 0, READS_AUTHORS - 1);
  const author = person(authorIndex);
  const firstReviewAt = new Date(createdAt.getTime() + skewed(r, 6 * HOUR));
  const mergedAt = state === "merged" ? new Date(firstReviewAt.getTime() + skewed(r, 12 * HOUR)) : null;
  const closedAt =
    state === "open" ? null : (mergedAt ?? new Date(createdAt.getTime() + skewed(r, 48 * HOUR)));
  const headSha = sha("reads", repoIndex, number, "head");
  const reviewers = [1, 2].map((step) => person((authorIndex + step * int(r, 1, 40)) % READS_AUTHORS));
  const reviews: ReviewRecord[] = reviewers.slice(0, int(r, 1, 2)).map((reviewer, i) => ({
    ...scope,
    prNumber: number,
    reviewId: repoIndex * 10_000_000 + number * 10 + i,
    author: reviewer,
    state: i === 0 && state === "merged" ? "APPROVED" : "COMMENTED",
    submittedAt: new Date(firstReviewAt.getTime() + i * HOUR),
    commitId: headSha,
  }));
  const commits: CommitRecord[] = Array.from({ length: int(r, 1, 2) }, (_, i) => ({
    ...scope,
    prNumber: number,
    sha: sha("reads", repoIndex, number, i),
    message: `change ${i}`,
    authorName: author.login,
    authorEmail: `${author.login}@example.com`,
    authorLogin: author.login,
    authoredAt: new Date(createdAt.getTime() - skewed(r, 10 * HOUR)),
    committedAt: new Date(createdAt.getTime() - HOUR),
    truncated: [],
  }));
  const pr: PullRequestRecord = {
    ...scope,
    repo: `${ORG}/service-${repoIndex}`,
    prId: repoIndex * 1_000_000 + number,
    number,
    nodeId: `PR_${repoIndex}_${number}`,
    title: `Change ${number} of service ${repoIndex}`,
    body: "A change as a team writes them, with a line or two of description.",
    author,
    state,
    draft: false,
    createdAt,
    updatedAt: closedAt ?? createdAt,
    closedAt,
    mergedAt,
    headRef: pick(r, ["feature/", "fix/", "chore/"]) + String(number),
    headSha,
    baseRef: "main",
    mergeCommitSha: mergedAt ? sha("reads", repoIndex, number, "merge") : null,
    labels: chance(r, 0.2) ? ["backend"] : [],
    milestone: null,
    assignees: [],
    linkedIssues: [],
    additions: int(r, 1, 400),
    deletions: int(r, 0, 200),
    changedFiles: int(r, 1, 20),
    truncated: [],
  };
  return { pr, reviews, commits };
}

/** The stored document: the record, the draft history and the convert step's derived fields. */
function storedDocument({ pr, reviews, commits }: BuiltPr) {
  const draft = { openedAsDraft: false, firstReadyForReviewAt: null };
  const readyAt = deriveReadyAt({ ...pr, ...draft });
  const derived = computePullRequestMetrics({
    pr: { ...pr, readyAt },
    reviews,
    commits,
    comments: [],
    checkRuns: [],
    config: DEFAULT_REPO_CONFIG,
  });
  const firstCommitAt = earliest(commits.map((commit) => commit.authoredAt));
  const rollupWeeks = rollupWeeksOf(pr).map((week) => new Date(week));
  return {
    ...pr,
    ...draft,
    readyAt,
    firstCommitAt,
    ...derived,
    rollupWeeks,
    dataComplete: true,
    dataNotes: [],
  };
}

/** Three production deployments a week per repository, each a success. */
function deployments(repoIndex: number, since: Date, until: Date): DeploymentRecord[] {
  const out: DeploymentRecord[] = [];
  for (let t = since.getTime(), i = 0; t < until.getTime(); t += (7 * DAY) / 3, i += 1) {
    const createdAt = new Date(t);
    out.push({
      installationId: READS_INSTALLATION,
      repoId: 900_000 + repoIndex,
      deploymentId: repoIndex * 100_000 + i,
      environment: "production",
      sha: sha("deploy", repoIndex, i),
      ref: "main",
      creator: null,
      createdAt,
      updatedAt: createdAt,
      statuses: [{ statusId: i, state: "success", createdAt: new Date(t + 10 * 60_000) }],
    });
  }
  return out;
}

async function insertInBatches<T>(insert: (docs: T[]) => Promise<unknown>, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) await insert(docs.slice(i, i + BATCH));
}

/** The installation, its repositories (synced, default config) and a token; no PRs yet. */
export async function createReadsOrg(store: Store): Promise<SeededOrg> {
  const until = new Date(Math.floor(Date.now() / DAY) * DAY);
  const since = new Date(until.getTime() - 365 * DAY);
  const repos = Array.from({ length: READS_REPOS }, (_, i) => `${ORG}/service-${i}`);
  await store.installations.create({
    installationId: READS_INSTALLATION,
    account: { id: 77, login: ORG, type: "Organization" },
    repositorySelection: "all",
  });
  await store.repositories.insertMany(
    repos.map((fullName, i) => ({
      installationId: READS_INSTALLATION,
      repoId: 900_000 + i,
      fullName,
      syncStatus: "complete",
      lastSyncAt: until,
      configFetchedAt: until,
      config: {},
    })),
  );
  const opts = { ordered: false } as const;
  await store.deployments.insertMany(
    repos.flatMap((_, i) => deployments(i, since, until)),
    opts,
  );
  // DORA's deployment weeks as the write path leaves them, rebuilt as `mergelens recompute` does.
  for (const [i] of repos.entries())
    await rebuildRepositoryDeploymentWeeks(store, {
      installationId: READS_INSTALLATION,
      repoId: 900_000 + i,
    });
  const { token } = await createToken(store, { installationId: READS_INSTALLATION, name: "bench" });
  return {
    installationId: READS_INSTALLATION,
    token,
    until,
    since,
    repos,
    samplePr: { repo: repos[7], number: 42 },
  };
}

/**
 * Adds PRs until the organisation holds `prs` (the same share in each repository): a larger size keeps
 * the smaller one's PRs, so each size is seeded once. `progress` hears after each repository.
 */
export async function growReadsOrg(
  store: Store,
  org: SeededOrg,
  from: number,
  prs: number,
  progress: (message: string) => void,
): Promise<void> {
  const first = Math.ceil(from / READS_REPOS);
  const last = Math.ceil(prs / READS_REPOS);
  const opts = { ordered: false } as const;
  const weeks: number[] = [];
  for (let week = weekStart(org.since).getTime(); week < org.until.getTime(); week += WEEK_MS)
    weeks.push(week);
  for (let repoIndex = 0; repoIndex < READS_REPOS; repoIndex += 1) {
    const built = Array.from({ length: last - first }, (_, i) =>
      buildPr(repoIndex, first + i + 1, org.since, org.until),
    );
    await insertInBatches((docs) => store.pullRequests.insertMany(docs, opts), built.map(storedDocument));
    const commits = built.filter((b) => b.pr.mergedAt).flatMap((b) => b.commits);
    await insertInBatches((docs) => store.commits.insertMany(docs, opts), commits);
    // The rollups as the convert step leaves them: rebuilt from the stored PRs, every week of the year.
    await rebuildRollups(store, { installationId: org.installationId, repoId: 900_000 + repoIndex }, weeks);
    progress(`reads: ${last * (repoIndex + 1) + first * (READS_REPOS - repoIndex - 1)} of ${prs} PRs stored`);
  }
}
