import type { World } from "./generate-pull.js";
import { itemId } from "./ids.js";
import type {
  Account,
  CommitModel,
  FileModel,
  IssueCommentModel,
  PullModel,
  ReviewCommentModel,
  ReviewModel,
  ReviewState,
} from "./model.js";
import { BOTS } from "./people.js";
import { chance, int, pick, rng, type Rng } from "./random.js";
import { COMMENT_BODIES, REVIEW_BODIES } from "./vocabulary.js";

const MINUTE = 60_000;

/** The head commit at a moment: what a review submitted then was looking at. */
function commitAt(commits: CommitModel[], at: number): string {
  let current = commits[0]?.sha ?? "";
  for (const commit of commits) if (commit.committedAt <= at) current = commit.sha;
  return current;
}

function spacedTimes(r: Rng, count: number, from: number, to: number): number[] {
  const span = Math.max(to - from, MINUTE);
  return Array.from({ length: count }, (_, i) => Math.floor(from + (span * (i + r() * 0.9)) / count));
}

/**
 * Reviews in submission order: review bots first, an occasional review while still a draft, the
 * occasional self review, and for a merged PR an approval last.
 */
export function generateReviews(world: World, pull: PullModel, commits: CommitModel[]): ReviewModel[] {
  const r = rng(world.seed, pull.repo, pull.number, "reviews");
  const humans = pull.reviewers.filter((a) => a.type === "User" && a.login !== pull.author.login);
  const bots = pull.reviewers.filter((a) => a.type === "Bot");
  const plan: Array<{ author: Account; state: ReviewState; at?: number }> = [];
  for (const bot of bots) plan.push({ author: bot, state: "COMMENTED" });
  if (pull.openedAsDraft && chance(r, 0.15)) {
    plan.push({ author: pick(r, humans), state: "COMMENTED", at: pull.createdAt + MINUTE });
  }
  if (pull.author.type === "User" && chance(r, 0.05)) plan.push({ author: pull.author, state: "COMMENTED" });
  while (plan.length < pull.reviews) {
    const x = r();
    const state: ReviewState =
      x < 0.25 ? "CHANGES_REQUESTED" : x < 0.65 ? "COMMENTED" : x < 0.9 ? "APPROVED" : "DISMISSED";
    plan.push({ author: pick(r, humans), state });
  }
  plan.length = pull.reviews;
  const last = plan.at(-1);
  if (pull.mergedAt !== null && last) plan[plan.length - 1] = { author: pick(r, humans), state: "APPROVED" };

  const end = pull.mergedAt ?? pull.settledAt;
  const times = spacedTimes(r, plan.length, pull.reviewStart, end);
  return plan
    .map((review, i) => ({ ...review, submittedAt: Math.min(review.at ?? times[i], end) }))
    .sort((a, b) => a.submittedAt - b.submittedAt)
    .map((review, i) => ({
      id: itemId("review", pull.repoIndex, pull.number, i),
      author: review.author,
      state: review.state,
      body: pick(r, REVIEW_BODIES[review.state]),
      submittedAt: review.submittedAt,
      commitSha: commitAt(commits, review.submittedAt),
    }));
}

/** Inline comments, each in a review that can carry them; about a third are replies. */
export function generateReviewComments(
  world: World,
  pull: PullModel,
  reviews: ReviewModel[],
  files: FileModel[],
): ReviewCommentModel[] {
  const r = rng(world.seed, pull.repo, pull.number, "review-comments");
  const carriers = reviews.filter((review) => review.state !== "APPROVED");
  const pool = carriers.length > 0 ? carriers : reviews;
  const comments: ReviewCommentModel[] = [];
  for (let i = 0; i < pull.reviewComments && pool.length > 0; i++) {
    const previous = comments.at(-1);
    const reply = previous && chance(r, 0.3);
    const review = (reply && pool.find((candidate) => candidate.id === previous.reviewId)) || pick(r, pool);
    const createdAt = Math.max(pull.createdAt, review.submittedAt - int(r, 1, 20) * MINUTE);
    comments.push({
      id: itemId("comment", pull.repoIndex, pull.number, 256 + i),
      reviewId: review.id,
      author: review.author,
      body: reply ? "Good point, fixed." : "Could this be simpler?",
      createdAt,
      updatedAt: chance(r, 0.1) ? createdAt + int(r, 1, 30) * MINUTE : createdAt,
      path: reply ? previous.path : pick(r, files.slice(0, 50)).filename,
      line: reply ? previous.line : int(r, 1, 200),
      commitSha: review.commitSha,
      inReplyTo: reply ? (previous.inReplyTo ?? previous.id) : null,
    });
  }
  return comments;
}

const COMMENT_BOTS: Array<{ bot: Account; body: string }> = [
  { bot: BOTS.actions, body: "Coverage: 87.2% (+0.3%)" },
  { bot: BOTS.vercel, body: "Preview deployment is ready." },
  { bot: BOTS.codecov, body: "## Codecov Report\nAll modified lines are covered by tests ✅" },
];

/** Conversation comments from the author, reviewers and commenting bots. */
export function generateIssueComments(world: World, pull: PullModel): IssueCommentModel[] {
  const r = rng(world.seed, pull.repo, pull.number, "issue-comments");
  const people = [pull.author, ...pull.reviewers];
  const times = spacedTimes(r, pull.comments, pull.createdAt + MINUTE, pull.settledAt);
  return times.map((createdAt, i) => {
    const fromBot = chance(r, 0.3);
    const { bot, body } = pick(r, COMMENT_BOTS);
    return {
      id: itemId("comment", pull.repoIndex, pull.number, i),
      author: fromBot ? bot : pick(r, people),
      body: fromBot ? body : pick(r, COMMENT_BODIES),
      createdAt,
      updatedAt: chance(r, 0.1) ? createdAt + int(r, 1, 60) * MINUTE : createdAt,
    };
  });
}
