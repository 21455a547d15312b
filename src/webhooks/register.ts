import type { Probot } from "probot";
import type { WebhookDeps } from "./deps.js";
import {
  handleInstallation,
  handleInstallationDeleted,
  handleInstallationRepositories,
} from "./handlers/installation.js";
import { handlePullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { handlePush } from "./handlers/push.js";
import {
  handleCheckRun,
  handleCheckSuite,
  handleDeployment,
  handleDeploymentStatus,
  handleIssueComment,
  handleRepositoryRenamed,
  handleReview,
  handleReviewComment,
} from "./handlers/records.js";
import { checkRunEventSchema, checkSuiteEventSchema } from "./schemas/checks.js";
import { issueCommentEventSchema, reviewCommentEventSchema } from "./schemas/comment.js";
import { repoEventSchema } from "./schemas/common.js";
import { deploymentEventSchema, deploymentStatusEventSchema } from "./schemas/deployment.js";
import {
  installationDeletedSchema,
  installationEventSchema,
  installationRepositoriesEventSchema,
} from "./schemas/installation.js";
import { pullRequestEventSchema } from "./schemas/pull-request.js";
import { pushEventSchema } from "./schemas/push.js";
import { reviewEventSchema } from "./schemas/review.js";
import { validated } from "./validate.js";

export type { WebhookDeps } from "./deps.js";

/** Routing only: each subscription validates its payload and hands it to a plain handler. */
export function registerWebhooks(app: Probot, deps: WebhookDeps): void {
  app.on(
    [
      "installation.created",
      "installation.suspend",
      "installation.unsuspend",
      "installation.new_permissions_accepted",
    ],
    validated(deps, installationEventSchema, (payload) => handleInstallation(deps, payload)),
  );
  app.on(
    "installation.deleted",
    validated(deps, installationDeletedSchema, (payload) => handleInstallationDeleted(deps, payload)),
  );
  app.on(
    ["installation_repositories.added", "installation_repositories.removed"],
    validated(deps, installationRepositoriesEventSchema, (payload) =>
      handleInstallationRepositories(deps, payload),
    ),
  );
  app.on(
    [...PULL_REQUEST_EVENTS],
    validated(deps, pullRequestEventSchema, (payload, context) => handlePullRequest(deps, payload, context)),
  );
  app.on(
    ["pull_request_review.submitted", "pull_request_review.edited", "pull_request_review.dismissed"],
    validated(deps, reviewEventSchema, (payload, context) => handleReview(deps, payload, context)),
  );
  app.on(
    [
      "pull_request_review_comment.created",
      "pull_request_review_comment.edited",
      "pull_request_review_comment.deleted",
    ],
    validated(deps, reviewCommentEventSchema, (payload, context) =>
      handleReviewComment(deps, payload, context),
    ),
  );
  app.on(
    ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"],
    validated(deps, issueCommentEventSchema, (payload, context) =>
      handleIssueComment(deps, payload, context),
    ),
  );
  app.on(
    "check_run.completed",
    validated(deps, checkRunEventSchema, (payload, context) => handleCheckRun(deps, payload, context)),
  );
  app.on(
    "check_suite.completed",
    validated(deps, checkSuiteEventSchema, (payload) => handleCheckSuite(deps, payload)),
  );
  app.on(
    "deployment.created",
    validated(deps, deploymentEventSchema, (payload) => handleDeployment(deps, payload)),
  );
  app.on(
    "deployment_status.created",
    validated(deps, deploymentStatusEventSchema, (payload) => handleDeploymentStatus(deps, payload)),
  );
  app.on(
    ["repository.renamed", "repository.transferred"],
    validated(deps, repoEventSchema, (payload) => handleRepositoryRenamed(deps, payload)),
  );
  app.on(
    "push",
    validated(deps, pushEventSchema, (payload, context) => handlePush(deps, payload, context)),
  );
}
