import type { Actor, CommentKind, ReviewState } from "../../src/records/types.js";
import type { PullRequestDocument } from "../../src/storage/models/pull-request.js";
import type { Store } from "../../src/storage/store.js";
import {
  at,
  bot,
  checkRunRecord,
  commentRecord,
  commitRecord,
  human,
  pullRequestDocument,
  REPO,
  reviewRecord,
} from "../harness/factories.js";

/** A stored PR and its records as webhooks and the sync engine leave them, for the convert step. */

export { at, REPO };

export function storedPullRequest(overrides: Partial<PullRequestDocument> = {}): PullRequestDocument {
  return pullRequestDocument({
    prId: 700,
    number: 7,
    title: 'Revert "Add widgets"',
    state: "merged",
    createdAt: at("2026-03-02T10:00:00Z"),
    updatedAt: at("2026-03-03T16:00:00Z"),
    closedAt: at("2026-03-03T16:00:00Z"),
    mergedAt: at("2026-03-03T16:00:00Z"),
    headRef: "hotfix/widgets",
    headSha: "head7",
    mergeCommitSha: "merge7",
    labels: ["backend"],
    // Opened as a draft, ready at 12:00.
    openedAsDraft: true,
    firstReadyForReviewAt: at("2026-03-02T12:00:00Z"),
    // Derived fields from an earlier (wrong) computation, which the refresh must replace.
    readyAt: null,
    reviewers: ["someone-else"],
    reviewsByReviewer: [{ login: "someone-else", count: 9 }],
    // Owned by the sync engine: the refresh must leave them alone.
    dataComplete: true,
    dataNotes: ["commits capped at 250"],
    metrics: { stale: 1 },
    ...overrides,
  });
}

const review = (author: Actor, state: ReviewState, submittedAt: string | null, prNumber = 7) =>
  reviewRecord({ prNumber, author, state, submittedAt: submittedAt === null ? null : at(submittedAt) });
const commit = (authoredAt: string, committedAt: string, message = "Change", prNumber = 7) =>
  commitRecord({ prNumber, message, authoredAt: at(authoredAt), committedAt: at(committedAt) });
const comment = (kind: CommentKind, author: Actor, prNumber = 7) =>
  commentRecord({ prNumber, kind, author, createdAt: at("2026-03-02T15:00:00Z") });
const run = (
  name: string,
  headSha: string,
  startedAt: string,
  completedAt: string | null,
  conclusion: string | null,
) =>
  checkRunRecord({
    name,
    headSha,
    status: completedAt ? "completed" : "in_progress",
    conclusion,
    startedAt: at(startedAt),
    completedAt: completedAt === null ? null : at(completedAt),
    prNumbers: [7],
  });

/** PR #7's records (see refresh-pull-request.test.ts for the figures they give), plus another PR's. */
export async function seedRecords(store: Store): Promise<void> {
  await store.reviews.insertMany([
    review(human("bob"), "COMMENTED", "2026-03-02T14:30:00Z"),
    review(human("alice"), "APPROVED", "2026-03-02T13:00:00Z"), // the author's own
    review(bot("renovate[bot]"), "APPROVED", "2026-03-02T11:00:00Z"),
    review(human("carol"), "APPROVED", "2026-03-03T09:00:00Z"),
    review(human("bob"), "PENDING", null),
    review(human("ci-robot"), "APPROVED", "2026-03-02T13:30:00Z"), // a bot only by the repo's config
    review(human("dave"), "APPROVED", "2026-03-02T10:30:00Z", 8), // another PR's
  ]);
  await store.commits.insertMany([
    commit(
      "2026-03-01T22:00:00Z",
      "2026-03-01T22:00:00Z",
      "Add widgets\n\nCo-authored-by: Claude <noreply@anthropic.com>",
    ),
    commit("2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z"),
    commit("2026-03-02T15:50:00Z", "2026-03-02T16:00:00Z"),
    commit("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z", "Change", 8),
  ]);
  await store.comments.insertMany([
    comment("issue", human("alice")),
    comment("issue", bot("github-actions[bot]")),
    comment("review", human("bob")),
    comment("review", human("carol")),
    comment("issue", human("bob"), 8),
  ]);
  await store.checkRuns.insertMany([
    run("build", "head7", "2026-03-02T12:00:00Z", "2026-03-02T12:10:00Z", "failure"),
    run("build", "head7", "2026-03-02T12:20:00Z", "2026-03-02T12:30:00Z", "success"), // the re-run
    run("lint", "head7", "2026-03-02T12:00:00Z", "2026-03-02T12:05:00Z", "failure"),
    run("preview", "head7", "2026-03-02T12:01:00Z", null, null),
    run("build", "old-head", "2026-03-02T11:00:00Z", "2026-03-02T11:50:00Z", "failure"),
  ]);
}
