import type {
  CheckRunRecord,
  CheckSuiteRecord,
  CommentRecord,
  DeploymentFields,
  DeploymentStatusRecord,
  PullRequestRecord,
  RepositoryFields,
  ReviewRecord,
} from "../../records/types.js";
import type { DraftSignal } from "../../storage/write/draft-history.js";
import { extractCheckRun, extractCheckSuite } from "../extract/checks.js";
import { extractComment } from "../extract/comment.js";
import { extractDeployment, extractDeploymentStatus } from "../extract/deployment.js";
import { extractRepository } from "../extract/installation.js";
import { extractPullRequest } from "../extract/pull-request.js";
import { extractReview } from "../extract/review.js";
import { needsCompletion } from "../needs-completion.js";
import type { ParsedDelivery } from "./parse-delivery.js";

/** Deliveries that change who has access or the repository's config: applied one at a time, in order. */
export type ControlDelivery = Extract<
  ParsedDelivery,
  { route: "installation" | "installationDeleted" | "installationRepositories" | "push" }
>;
export type RecordDelivery = Exclude<ParsedDelivery, ControlDelivery>;

const CONTROL_ROUTES = new Set(["installation", "installationDeleted", "installationRepositories", "push"]);
export const isControl = (parsed: ParsedDelivery): parsed is ControlDelivery =>
  CONTROL_ROUTES.has(parsed.route);

/** The newest of a batch's deliveries for one PR, and what all of them told of its draft history. */
export interface PullRequestChange {
  record: PullRequestRecord;
  signal: DraftSignal;
}

/** Everything a batch writes for one repository: one bulk write per kind of record. */
export interface RepositoryPlan {
  /** The newest name any delivery gave it. */
  repository: RepositoryFields;
  pullRequests: PullRequestChange[];
  reviews: ReviewRecord[];
  comments: CommentRecord[];
  deletedComments: CommentRecord[];
  checkRuns: CheckRunRecord[];
  checkSuites: CheckSuiteRecord[];
  deployments: DeploymentFields[];
  deploymentStatuses: Array<{ deployment: DeploymentFields; status: DeploymentStatusRecord }>;
  /** PRs whose metrics the batch may have changed. */
  refresh: number[];
  /** PRs a delivery saw merged (and that delivery): their complete data is fetched next. */
  merged: Array<{ number: number; deliveryId: string }>;
  /** Open PRs whose commits, files or checks a delivery may have changed: completed, debounced. */
  completions: Array<{ number: number; deliveryId: string }>;
  deliveryIds: string[];
}

const emptyPlan = (repository: RepositoryFields): RepositoryPlan => ({
  repository,
  pullRequests: [],
  reviews: [],
  comments: [],
  deletedComments: [],
  checkRuns: [],
  checkSuites: [],
  deployments: [],
  deploymentStatuses: [],
  refresh: [],
  merged: [],
  completions: [],
  deliveryIds: [],
});

const time = (date: Date | null | undefined) => date?.getTime() ?? -Infinity;

function newerName(current: RepositoryFields, next: RepositoryFields): RepositoryFields {
  return time(next.nameVersion) >= time(current.nameVersion) ? next : current;
}

function draftSignal(parsed: Extract<ParsedDelivery, { route: "pullRequest" }>): DraftSignal {
  const { payload } = parsed;
  if (payload.action === "opened") return { openedAsDraft: payload.pull_request.draft ?? false };
  // GitHub bumps `updated_at` when the PR leaves draft: the delivery's own event time.
  if (payload.action === "ready_for_review") return { readyForReviewAt: payload.pull_request.updated_at };
  return {};
}

/** Keeps the newest state of the PR (a tie: the later arrival) and every draft signal. */
function coalescePullRequest(plan: RepositoryPlan, record: PullRequestRecord, signal: DraftSignal) {
  const existing = plan.pullRequests.find((change) => change.record.number === record.number);
  if (!existing) {
    plan.pullRequests.push({ record, signal: { ...signal } });
    return;
  }
  if (record.updatedAt.getTime() >= existing.record.updatedAt.getTime()) existing.record = record;
  if (signal.openedAsDraft !== undefined) existing.signal.openedAsDraft = signal.openedAsDraft;
  const ready = [existing.signal.readyForReviewAt, signal.readyForReviewAt].filter((at) => at !== undefined);
  if (ready.length > 0) existing.signal.readyForReviewAt = new Date(Math.min(...ready.map(time)));
}

function addRecords(plan: RepositoryPlan, parsed: RecordDelivery): void {
  switch (parsed.route) {
    case "pullRequest": {
      const record = extractPullRequest(parsed.payload);
      coalescePullRequest(plan, record, draftSignal(parsed));
      plan.refresh.push(record.number);
      if (parsed.payload.action === "closed" && record.state === "merged")
        plan.merged.push({ number: record.number, deliveryId: parsed.delivery.id });
      if (needsCompletion("pull_request", parsed.payload.action, parsed.payload))
        plan.completions.push({ number: record.number, deliveryId: parsed.delivery.id });
      return;
    }
    case "review": {
      const record = extractReview(parsed.payload);
      plan.reviews.push(record);
      plan.refresh.push(record.prNumber);
      return;
    }
    case "reviewComment":
    case "issueComment": {
      const { payload } = parsed;
      // Issue comments on plain issues arrive too: only those on a PR count.
      if (parsed.route === "issueComment" && !parsed.payload.issue.pull_request) return;
      const record =
        parsed.route === "issueComment"
          ? extractComment(payload, "issue", parsed.payload.issue.number)
          : extractComment(payload, "review", parsed.payload.pull_request.number);
      (payload.action === "deleted" ? plan.deletedComments : plan.comments).push(record);
      plan.refresh.push(record.prNumber);
      return;
    }
    case "checkRun": {
      const record = extractCheckRun(parsed.payload);
      plan.checkRuns.push(record);
      // GitHub lists the PRs whose head the run's commit is; only those can change.
      plan.refresh.push(...record.prNumbers);
      return;
    }
    case "checkSuite":
      plan.checkSuites.push(extractCheckSuite(parsed.payload));
      return;
    case "deployment":
      plan.deployments.push(extractDeployment(parsed.payload));
      return;
    case "deploymentStatus":
      plan.deploymentStatuses.push({
        deployment: extractDeployment(parsed.payload),
        status: extractDeploymentStatus(parsed.payload),
      });
      return;
    case "repositoryRenamed":
      return;
  }
}

/**
 * The records without their exact repeats, each kept at its last place. A batch re-sends a PR's reviews,
 * comments and runs with every event about it; writing a repeat again, even in one bulk write, costs an
 * update that rewrites every index entry. Only identical copies go: they write the same fields under the
 * same version guard, and the last place keeps which of several differing copies arrives last.
 */
export function withoutRepeats<T extends object>(records: readonly T[]): T[] {
  // JSON is exact for records: strings, numbers, booleans, null, dates (as ISO strings) and arrays.
  const keys = records.map((record) => JSON.stringify(record));
  const lastPlace = new Map(keys.map((key, index) => [key, index]));
  return records.filter((_, index) => lastPlace.get(keys[index]) === index);
}

/** Takes a batch's record deliveries one at a time, so the caller need not hold their payloads. */
export interface BatchPlanner {
  /** Extracts the delivery's records into its repository's plan: its payload is not kept. */
  add(parsed: RecordDelivery): void;
  /** The plans, one per repository, each record sent again unchanged once. */
  plans(): RepositoryPlan[];
}

/**
 * Groups a batch's record deliveries by repository, coalescing what one write can carry: many
 * deliveries of one PR become one write of its newest state, a record sent again unchanged one write.
 * Pure: the writes happen in `applyPlan`.
 */
export function createBatchPlanner(): BatchPlanner {
  const plans = new Map<string, RepositoryPlan>();
  return {
    add(parsed) {
      const repository = extractRepository(parsed.payload.installation.id, parsed.payload.repository);
      const key = `${repository.installationId}:${repository.repoId}`;
      const plan = plans.get(key) ?? emptyPlan(repository);
      plans.set(key, plan);
      plan.repository = newerName(plan.repository, repository);
      plan.deliveryIds.push(parsed.delivery.id);
      addRecords(plan, parsed);
    },
    plans() {
      for (const plan of plans.values()) {
        plan.refresh = [...new Set(plan.refresh)];
        plan.reviews = withoutRepeats(plan.reviews);
        plan.comments = withoutRepeats(plan.comments);
        plan.deletedComments = withoutRepeats(plan.deletedComments);
        plan.checkRuns = withoutRepeats(plan.checkRuns);
        // One completion per PR: the hook coalesces anyway, this saves it the calls.
        plan.completions = plan.completions.filter(
          (one, index) => plan.completions.findIndex((other) => other.number === one.number) === index,
        );
      }
      return [...plans.values()];
    },
  };
}
