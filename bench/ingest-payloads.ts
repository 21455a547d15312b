import type { SimulatedOrg } from "../src/simulator/generate-org.js";
import { iso, nodeId } from "../src/simulator/ids.js";
import type { PullModel, RepoModel } from "../src/simulator/model.js";
import { sha } from "../src/simulator/random.js";
import { orgJson, repoJson, userJson, type Urls } from "../src/simulator/rest/serialize-common.js";
import {
  issueCommentJson,
  pullJson,
  reviewCommentJson,
  reviewJson,
} from "../src/simulator/rest/serialize-pull.js";
import { checkRunJson } from "../src/simulator/rest/serialize-repo.js";
import { exampleObject, examplePayload, type Payload } from "./webhook-examples.js";

/** The deliveries a busy organisation sends about its open work, in the burst's rotation. */
export const INGEST_KINDS = [
  "pull_request.edited",
  "pull_request.synchronize",
  "pull_request_review.submitted",
  "pull_request_review_comment.created",
  "issue_comment.created",
  "check_run.completed",
] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

export interface WebhookEnvelope {
  kind: IngestKind;
  /** `X-GitHub-Event`. */
  event: string;
  payload: Payload;
}

/** Where a payload's PR lives, and the simulator's URLs for the REST shapes inside it. */
export interface PayloadScope {
  org: SimulatedOrg;
  repo: RepoModel;
  urls: Urls;
}

/**
 * GitHub's example payload for `kind` (fields the simulator does not model keep GitHub's real values
 * and sizes), with the simulated organisation's repository, installation and sender laid over it.
 */
function envelope(
  kind: IngestKind,
  example: Payload,
  scope: PayloadScope,
  sender: PullModel["author"],
  fields: Payload,
): WebhookEnvelope {
  const [event, action] = kind.split(".");
  const organization = example.organization ? exampleObject(example, "organization") : {};
  const payload: Payload = {
    ...example,
    action,
    ...fields,
    repository: { ...exampleObject(example, "repository"), ...repoJson(scope.org, scope.repo, scope.urls) },
    organization: { ...organization, ...orgJson(scope.org, scope.urls) },
    installation: { id: scope.org.installationId, node_id: nodeId("I", scope.org.installationId) },
    sender: userJson(sender, scope.urls),
  };
  return { kind, event, payload };
}

/** The PR as webhooks carry it, updated at `at` (later deliveries of a PR are newer). */
function pullRequest(example: Payload, scope: PayloadScope, pull: PullModel, at: number, full: boolean) {
  return {
    ...exampleObject(example, "pull_request"),
    ...pullJson(scope, pull, full),
    updated_at: iso(at),
  };
}

function editedPull(scope: PayloadScope, pull: PullModel, at: number): WebhookEnvelope {
  // There is no pull_request.edited example: GitHub sends it in the shape of the other PR actions.
  const example = examplePayload("pull_request", "opened");
  const body = `${pull.body}\n\n(edited ${iso(at)})`;
  return envelope("pull_request.edited", example, scope, pull.author, {
    number: pull.number,
    changes: { body: { from: pull.body } },
    pull_request: { ...pullRequest(example, scope, pull, at, true), body },
  });
}

function synchronizedPull(scope: PayloadScope, pull: PullModel, at: number): WebhookEnvelope | null {
  if (pull.closedAt !== null) return null;
  const example = examplePayload("pull_request", "synchronize");
  return envelope("pull_request.synchronize", example, scope, pull.author, {
    number: pull.number,
    before: sha(scope.org.world.seed, pull.repo, pull.number, "before", at),
    after: pull.headSha,
    pull_request: pullRequest(example, scope, pull, at, true),
  });
}

function submittedReview(scope: PayloadScope, pull: PullModel, at: number, n: number) {
  const reviews = scope.org.detailsOf(pull).reviews();
  const review = reviews[n % Math.max(1, reviews.length)];
  if (!review) return null;
  const example = examplePayload("pull_request_review", "submitted");
  return envelope("pull_request_review.submitted", example, scope, review.author, {
    // Webhooks spell review states in lower case, the REST API in upper case.
    review: {
      ...exampleObject(example, "review"),
      ...reviewJson(scope, pull, review),
      state: review.state.toLowerCase(),
    },
    pull_request: pullRequest(example, scope, pull, at, false),
  });
}

function createdReviewComment(scope: PayloadScope, pull: PullModel, at: number, n: number) {
  const comments = scope.org.detailsOf(pull).reviewComments();
  const comment = comments[n % Math.max(1, comments.length)];
  if (!comment) return null;
  const example = examplePayload("pull_request_review_comment", "created");
  return envelope("pull_request_review_comment.created", example, scope, comment.author, {
    comment: { ...exampleObject(example, "comment"), ...reviewCommentJson(scope, pull, comment) },
    pull_request: pullRequest(example, scope, pull, at, false),
  });
}

function createdIssueComment(scope: PayloadScope, pull: PullModel, at: number, n: number) {
  const comments = scope.org.detailsOf(pull).issueComments();
  const comment = comments[n % Math.max(1, comments.length)];
  if (!comment) return null;
  const example = examplePayload("issue_comment", "created");
  const shape = pullJson(scope, pull, false);
  // A PR's conversation is its issue: GitHub sends the issue, marked as a PR by `pull_request`.
  const issue = {
    ...exampleObject(example, "issue"),
    url: shape.issue_url,
    repository_url: `${scope.urls.api}/repos/${scope.repo.fullName}`,
    labels_url: `${shape.issue_url}/labels{/name}`,
    comments_url: shape.comments_url,
    events_url: `${shape.issue_url}/events`,
    html_url: shape.html_url,
    id: pull.id,
    node_id: nodeId("I", scope.repo.index, pull.number),
    number: pull.number,
    title: pull.title,
    user: shape.user,
    labels: shape.labels,
    state: shape.state,
    assignee: shape.assignee,
    assignees: shape.assignees,
    milestone: shape.milestone,
    comments: pull.comments,
    created_at: shape.created_at,
    updated_at: iso(at),
    closed_at: shape.closed_at,
    author_association: shape.author_association,
    body: pull.body,
    draft: pull.draft,
    pull_request: {
      url: shape.url,
      html_url: shape.html_url,
      diff_url: shape.diff_url,
      patch_url: shape.patch_url,
      merged_at: shape.merged_at,
    },
  };
  return envelope("issue_comment.created", example, scope, comment.author, {
    issue,
    comment: { ...exampleObject(example, "comment"), ...issueCommentJson(scope, pull, comment) },
  });
}

function completedCheckRun(scope: PayloadScope, pull: PullModel, n: number) {
  const runs = scope.org
    .detailsOf(pull)
    .checkRuns()
    .filter((run) => run.status === "completed" && run.completedAt !== null);
  const run = runs[n % Math.max(1, runs.length)];
  if (!run) return null;
  const example = examplePayload("check_run", "completed");
  const shape = checkRunJson(scope.repo, scope.urls, run, pull);
  const exampleRun = exampleObject(example, "check_run");
  return envelope("check_run.completed", example, scope, pull.author, {
    check_run: {
      ...exampleRun,
      ...shape,
      check_suite: {
        ...exampleObject(exampleRun, "check_suite"),
        id: run.suiteId,
        head_sha: run.headSha,
        head_branch: pull.headRef,
        status: "completed",
        pull_requests: shape.pull_requests,
      },
    },
  });
}

/**
 * The `kind` delivery GitHub would send about `pull` at time `at` (`n` picks among the PR's reviews,
 * comments or check runs); null when the PR has nothing of that kind (no review, or closed for a push).
 */
export function buildPayload(
  kind: IngestKind,
  scope: PayloadScope,
  pull: PullModel,
  at: number,
  n: number,
): WebhookEnvelope | null {
  switch (kind) {
    case "pull_request.edited":
      return editedPull(scope, pull, at);
    case "pull_request.synchronize":
      return synchronizedPull(scope, pull, at);
    case "pull_request_review.submitted":
      return submittedReview(scope, pull, at, n);
    case "pull_request_review_comment.created":
      return createdReviewComment(scope, pull, at, n);
    case "issue_comment.created":
      return createdIssueComment(scope, pull, at, n);
    case "check_run.completed":
      return completedCheckRun(scope, pull, n);
  }
}
