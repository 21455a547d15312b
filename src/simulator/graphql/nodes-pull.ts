import { iso, nodeId } from "../ids.js";
import type {
  IssueCommentModel,
  PullModel,
  RepoModel,
  ReviewCommentModel,
  ReviewModel,
  TimelineEventModel,
} from "../model.js";
import type { PullDetails } from "../pull-details.js";
import { connection, type ConnectionArgs } from "./connection.js";
import { commitNode, commitRef } from "./nodes-commit.js";
import { actorNode, authorAssociation, isoOrNull, type GqlScope } from "./nodes-common.js";

/** GitHub's GraphQL PullRequest and its nested lists, built lazily from the generated model. */
interface Ctx {
  scope: GqlScope;
  repo: RepoModel;
  pull: PullModel;
  details: () => PullDetails;
}

function reviewCommentNode(ctx: Ctx, comment: ReviewCommentModel): Record<string, unknown> {
  const { scope, repo, pull } = ctx;
  return {
    __typename: "PullRequestReviewComment",
    id: nodeId("PRRC", comment.id),
    databaseId: comment.id,
    fullDatabaseId: String(comment.id),
    body: comment.body,
    createdAt: iso(comment.createdAt),
    updatedAt: iso(comment.updatedAt),
    author: actorNode(scope, comment.author),
    authorAssociation: authorAssociation(comment.author),
    path: comment.path,
    line: comment.line,
    originalLine: comment.line,
    diffHunk: `@@ -${comment.line},3 +${comment.line},4 @@`,
    url: `${scope.urls.web}/${repo.fullName}/pull/${pull.number}#discussion_r${comment.id}`,
    commit: commitRef(scope, repo, comment.commitSha),
    pullRequestReview: {
      __typename: "PullRequestReview",
      id: nodeId("PRR", repo.index, pull.number, comment.reviewId),
      databaseId: comment.reviewId,
    },
    replyTo: () => {
      const parent = ctx
        .details()
        .reviewComments()
        .find((other) => other.id === comment.inReplyTo);
      return parent ? reviewCommentNode(ctx, parent) : null;
    },
  };
}

function reviewNode(ctx: Ctx, review: ReviewModel) {
  const { scope, repo, pull } = ctx;
  return {
    __typename: "PullRequestReview",
    id: nodeId("PRR", repo.index, pull.number, review.id),
    databaseId: review.id,
    fullDatabaseId: String(review.id),
    state: review.state,
    body: review.body,
    submittedAt: iso(review.submittedAt),
    createdAt: iso(review.submittedAt),
    author: actorNode(scope, review.author),
    authorAssociation: authorAssociation(review.author),
    url: `${scope.urls.web}/${repo.fullName}/pull/${pull.number}#pullrequestreview-${review.id}`,
    commit: commitRef(scope, repo, review.commitSha),
    comments: (args: ConnectionArgs) =>
      connection(
        ctx
          .details()
          .reviewComments()
          .filter((comment) => comment.reviewId === review.id),
        args,
        (comment) => reviewCommentNode(ctx, comment),
      ),
  };
}

function issueCommentNode(ctx: Ctx, comment: IssueCommentModel) {
  return {
    __typename: "IssueComment",
    id: nodeId("IC", comment.id),
    databaseId: comment.id,
    fullDatabaseId: String(comment.id),
    body: comment.body,
    createdAt: iso(comment.createdAt),
    updatedAt: iso(comment.updatedAt),
    author: actorNode(ctx.scope, comment.author),
    authorAssociation: authorAssociation(comment.author),
    url: `${ctx.scope.urls.web}/${ctx.repo.fullName}/pull/${ctx.pull.number}#issuecomment-${comment.id}`,
  };
}

/** Threads of inline comments: a first comment and its replies. */
function reviewThreads(ctx: Ctx) {
  const threads = new Map<number, ReviewCommentModel[]>();
  for (const comment of ctx.details().reviewComments()) {
    const root = comment.inReplyTo ?? comment.id;
    threads.set(root, [...(threads.get(root) ?? []), comment]);
  }
  return [...threads].map(([root, comments]) => ({
    __typename: "PullRequestReviewThread",
    id: nodeId("PRRT", ctx.repo.index, ctx.pull.number, root),
    isResolved: ctx.pull.closedAt !== null,
    isOutdated: false,
    path: comments[0].path,
    line: comments[0].line,
    comments: (args: ConnectionArgs) =>
      connection(comments, args, (comment) => reviewCommentNode(ctx, comment)),
  }));
}

const TIMELINE_TYPES: Record<TimelineEventModel["event"], string> = {
  ready_for_review: "ReadyForReviewEvent",
  convert_to_draft: "ConvertToDraftEvent",
  labeled: "LabeledEvent",
  review_requested: "ReviewRequestedEvent",
  reviewed: "PullRequestReview",
  head_ref_force_pushed: "HeadRefForcePushedEvent",
  merged: "MergedEvent",
  closed: "ClosedEvent",
};

function timelineNode(ctx: Ctx, event: TimelineEventModel) {
  if (event.event === "reviewed") return reviewNode(ctx, event.review);
  const base = {
    __typename: TIMELINE_TYPES[event.event],
    id: nodeId("E", event.id),
    createdAt: iso(event.at),
    actor: actorNode(ctx.scope, event.actor),
  };
  if (event.event === "labeled")
    return { ...base, label: { __typename: "Label", name: event.label, color: "ededed" } };
  if (event.event === "review_requested")
    return { ...base, requestedReviewer: actorNode(ctx.scope, event.reviewer) };
  if (event.event === "merged") {
    return {
      ...base,
      commit: commitRef(ctx.scope, ctx.repo, event.commitSha),
      mergeRefName: ctx.pull.baseRef,
    };
  }
  return base;
}

/** `READY_FOR_REVIEW_EVENT` → `ReadyForReviewEvent`. */
const typeName = (itemType: string) =>
  itemType
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");

export function pullRequestNode(scope: GqlScope, repo: RepoModel, pull: PullModel) {
  const ctx: Ctx = { scope, repo, pull, details: () => scope.org.detailsOf(pull) };
  const url = `${scope.urls.web}/${repo.fullName}/pull/${pull.number}`;
  const runs = () => ctx.details().checkRuns();
  const commitRuns = (sha: string) => () => (sha === pull.headSha ? runs() : []);
  return {
    __typename: "PullRequest",
    id: nodeId("PR", repo.index, pull.number),
    databaseId: pull.id,
    fullDatabaseId: String(pull.id),
    number: pull.number,
    title: pull.title,
    body: pull.body,
    url,
    permalink: url,
    state: pull.mergedAt !== null ? "MERGED" : pull.closedAt !== null ? "CLOSED" : "OPEN",
    closed: pull.closedAt !== null,
    merged: pull.mergedAt !== null,
    isDraft: pull.draft,
    locked: false,
    createdAt: iso(pull.createdAt),
    updatedAt: iso(pull.updatedAt),
    closedAt: isoOrNull(pull.closedAt),
    mergedAt: isoOrNull(pull.mergedAt),
    headRefName: pull.headRef,
    headRefOid: pull.headSha,
    baseRefName: pull.baseRef,
    baseRefOid: pull.baseSha,
    mergeCommit: pull.mergeCommitSha === null ? null : commitRef(scope, repo, pull.mergeCommitSha),
    additions: pull.additions,
    deletions: pull.deletions,
    changedFiles: pull.files,
    totalCommentsCount: pull.comments + pull.reviewComments,
    author: actorNode(scope, pull.author),
    authorAssociation: authorAssociation(pull.author),
    mergedBy: pull.mergedBy === null ? null : actorNode(scope, pull.mergedBy),
    milestone:
      pull.milestone === null
        ? null
        : { __typename: "Milestone", id: nodeId("MI", pull.milestone), title: pull.milestone },
    repository: () => ({
      __typename: "Repository",
      id: nodeId("R", repo.name),
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: repo.fullName,
    }),
    labels: (args: ConnectionArgs) =>
      connection(pull.labels, args, (name) => ({
        __typename: "Label",
        id: nodeId("LA", repo.name, name),
        name,
        color: "ededed",
        description: null,
      })),
    assignees: (args: ConnectionArgs) =>
      connection(pull.assignees, args, (account) => actorNode(scope, account)),
    closingIssuesReferences: (args: ConnectionArgs) =>
      connection(pull.closingIssues, args, (number) => ({
        __typename: "Issue",
        id: nodeId("I", "planning", number),
        number,
        repository: {
          __typename: "Repository",
          name: "planning",
          nameWithOwner: `${scope.org.login}/planning`,
        },
      })),
    reviews: (args: ConnectionArgs & { states?: string[] | null; author?: string | null }) =>
      connection(
        ctx
          .details()
          .reviews()
          .filter(
            (review) =>
              (!args.states || args.states.includes(review.state)) &&
              (!args.author || actorNode(scope, review.author).login === args.author),
          ),
        args,
        (review) => reviewNode(ctx, review),
      ),
    commits: (args: ConnectionArgs) =>
      connection(ctx.details().commits(), args, (commit) => ({
        __typename: "PullRequestCommit",
        id: nodeId("PRC", repo.index, pull.number, commit.sha),
        url: `${url}/commits/${commit.sha}`,
        commit: commitNode(scope, repo, commit, commitRuns(commit.sha), pull.number),
      })),
    files: (args: ConnectionArgs) =>
      connection(ctx.details().files(), args, (file) => ({
        path: file.filename,
        additions: file.additions,
        deletions: file.deletions,
        changeType: file.status === "removed" ? "DELETED" : file.status.toUpperCase(),
      })),
    comments: (args: ConnectionArgs) =>
      connection(ctx.details().issueComments(), args, (comment) => issueCommentNode(ctx, comment)),
    reviewThreads: (args: ConnectionArgs) => connection(reviewThreads(ctx), args, (thread) => thread),
    timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null; since?: string | null }) => {
      const types = args.itemTypes?.map(typeName);
      const since = args.since ? Date.parse(args.since) : null;
      const all = ctx.details().timeline();
      const items = all.filter(
        (event) =>
          (!types || types.includes(TIMELINE_TYPES[event.event])) && (since === null || event.at >= since),
      );
      return connection(items, args, (event) => timelineNode(ctx, event), {
        filteredCount: items.length,
        pageCount: items.length,
        updatedAt: iso(pull.updatedAt),
      });
    },
  };
}
