import { z } from "zod";
import { payloadText, type InboxDelivery } from "../../storage/inbox/index.js";
import { checkRunEventSchema, checkSuiteEventSchema } from "../schemas/checks.js";
import { issueCommentEventSchema, reviewCommentEventSchema } from "../schemas/comment.js";
import { repoEventSchema } from "../schemas/common.js";
import { deploymentEventSchema, deploymentStatusEventSchema } from "../schemas/deployment.js";
import {
  installationDeletedSchema,
  installationEventSchema,
  installationRepositoriesEventSchema,
} from "../schemas/installation.js";
import { pullRequestEventSchema } from "../schemas/pull-request.js";
import { pushEventSchema } from "../schemas/push.js";
import { reviewEventSchema } from "../schemas/review.js";

const PULL_REQUEST_ACTIONS = [
  "opened",
  "edited",
  "reopened",
  "closed",
  "synchronize",
  "ready_for_review",
  "converted_to_draft",
  "labeled",
  "unlabeled",
  "assigned",
  "unassigned",
  "milestoned",
  "demilestoned",
  "review_requested",
];

/** Which schema reads which `event.action`; deliveries of anything else are applied as no-ops. */
const ROUTES = {
  installation: {
    actions: ["created", "suspend", "unsuspend", "new_permissions_accepted"],
    schema: installationEventSchema,
  },
  installationDeleted: { actions: [], schema: installationDeletedSchema },
  installationRepositories: { actions: ["added", "removed"], schema: installationRepositoriesEventSchema },
  pullRequest: { actions: PULL_REQUEST_ACTIONS, schema: pullRequestEventSchema },
  review: { actions: ["submitted", "edited", "dismissed"], schema: reviewEventSchema },
  reviewComment: { actions: ["created", "edited", "deleted"], schema: reviewCommentEventSchema },
  issueComment: { actions: ["created", "edited", "deleted"], schema: issueCommentEventSchema },
  checkRun: { actions: ["completed"], schema: checkRunEventSchema },
  checkSuite: { actions: ["completed"], schema: checkSuiteEventSchema },
  deployment: { actions: ["created"], schema: deploymentEventSchema },
  deploymentStatus: { actions: ["created"], schema: deploymentStatusEventSchema },
  repositoryRenamed: { actions: ["renamed", "transferred"], schema: repoEventSchema },
  push: { actions: null, schema: pushEventSchema },
} as const;

type Routes = typeof ROUTES;
export type RouteName = keyof Routes;

const EVENTS: Record<string, RouteName[]> = {
  installation: ["installation", "installationDeleted"],
  installation_repositories: ["installationRepositories"],
  pull_request: ["pullRequest"],
  pull_request_review: ["review"],
  pull_request_review_comment: ["reviewComment"],
  issue_comment: ["issueComment"],
  check_run: ["checkRun"],
  check_suite: ["checkSuite"],
  deployment: ["deployment"],
  deployment_status: ["deploymentStatus"],
  repository: ["repositoryRenamed"],
  push: ["push"],
};

function routeOf(event: string, action: string | null): RouteName | null {
  for (const name of EVENTS[event] ?? []) {
    if (name === "installationDeleted") {
      if (action === "deleted") return name;
      continue;
    }
    const { actions } = ROUTES[name];
    if (actions === null || (action !== null && (actions as readonly string[]).includes(action))) return name;
  }
  return null;
}

/** A delivery read with the schema of its route: what the planner works from. */
export type ParsedDelivery = {
  [R in RouteName]: { route: R; delivery: InboxDelivery; payload: z.output<Routes[R]["schema"]> };
}[RouteName];

export type ParseResult =
  | { kind: "parsed"; parsed: ParsedDelivery }
  /** An event or action mergelens does not read: applied as a no-op. */
  | { kind: "ignored"; delivery: InboxDelivery }
  /** Signed by GitHub yet not what its schema says: set aside with the reason, never retried. */
  | { kind: "invalid"; delivery: InboxDelivery; reason: string };

export function parseDelivery(delivery: InboxDelivery): ParseResult {
  const route = routeOf(delivery.event, delivery.action);
  if (route === null) return { kind: "ignored", delivery };
  let json: unknown;
  try {
    json = JSON.parse(payloadText(delivery));
  } catch {
    return { kind: "invalid", delivery, reason: "the payload is not JSON" };
  }
  const result = ROUTES[route].schema.safeParse(json);
  if (!result.success) return { kind: "invalid", delivery, reason: z.prettifyError(result.error) };
  return { kind: "parsed", parsed: { route, delivery, payload: result.data } as ParsedDelivery };
}
