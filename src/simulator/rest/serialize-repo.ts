import { iso, nodeId } from "../ids.js";
import type {
  CheckRunModel,
  DeploymentModel,
  DeploymentStatusModel,
  RepoModel,
  TimelineEventModel,
} from "../model.js";
import { userJson, type Urls } from "./serialize-common.js";

/** REST shapes of timeline events, check runs and deployments. */

export function timelineJson(repo: RepoModel, urls: Urls, number: number, event: TimelineEventModel) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  if (event.event === "reviewed") {
    const { review } = event;
    return {
      event: "reviewed",
      id: review.id,
      node_id: nodeId("PRR", repo.index, number, review.id),
      user: userJson(review.author, urls),
      body: review.body,
      // The timeline spells review states in lower case, unlike the reviews endpoint.
      state: review.state.toLowerCase(),
      commit_id: review.commitSha,
      submitted_at: iso(review.submittedAt),
      html_url: `${urls.web}/${repo.fullName}/pull/${number}#pullrequestreview-${review.id}`,
      pull_request_url: `${api}/pulls/${number}`,
      author_association: review.author.type === "User" ? "MEMBER" : "NONE",
    };
  }
  const commit = event.event === "merged" ? event.commitSha : null;
  return {
    id: event.id,
    node_id: nodeId("E", event.id),
    url: `${api}/issues/events/${event.id}`,
    actor: userJson(event.actor, urls),
    event: event.event,
    commit_id: commit,
    commit_url: commit === null ? null : `${api}/commits/${commit}`,
    created_at: iso(event.at),
    performed_via_github_app: null,
    ...(event.event === "labeled" ? { label: { name: event.label, color: "ededed" } } : {}),
    ...(event.event === "review_requested"
      ? { review_requester: userJson(event.actor, urls), requested_reviewer: userJson(event.reviewer, urls) }
      : {}),
  };
}

export function checkRunJson(
  repo: RepoModel,
  urls: Urls,
  run: CheckRunModel,
  pull: { number: number; id: number },
) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("CR", run.id),
    head_sha: run.headSha,
    external_id: String(run.id),
    url: `${api}/check-runs/${run.id}`,
    html_url: `${urls.web}/${repo.fullName}/runs/${run.id}`,
    details_url: `${urls.web}/${repo.fullName}/actions/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: iso(run.startedAt),
    completed_at: run.completedAt === null ? null : iso(run.completedAt),
    output: {
      title: run.conclusion,
      summary: "",
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: run.suiteId },
    app: { id: run.app.id, slug: run.app.slug, name: run.app.name, node_id: nodeId("A", run.app.id) },
    pull_requests: [{ url: `${api}/pulls/${pull.number}`, id: pull.id, number: pull.number }],
  };
}

export function deploymentJson(repo: RepoModel, urls: Urls, deployment: DeploymentModel) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const updated = deployment.statuses.at(-1)?.createdAt ?? deployment.createdAt;
  return {
    url: `${api}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: nodeId("DE", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: "deploy",
    payload: {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: null,
    creator: userJson(deployment.creator, urls),
    created_at: iso(deployment.createdAt),
    updated_at: iso(updated),
    statuses_url: `${api}/deployments/${deployment.id}/statuses`,
    repository_url: api,
    transient_environment: false,
    production_environment: deployment.environment === "production",
  };
}

export function deploymentStatusJson(
  repo: RepoModel,
  urls: Urls,
  deployment: DeploymentModel,
  status: DeploymentStatusModel,
) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  return {
    url: `${api}/deployments/${deployment.id}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DES", status.id),
    state: status.state,
    creator: userJson(deployment.creator, urls),
    description: "",
    environment: deployment.environment,
    target_url: "",
    log_url: "",
    environment_url: "",
    created_at: iso(status.createdAt),
    updated_at: iso(status.createdAt),
    deployment_url: `${api}/deployments/${deployment.id}`,
    repository_url: api,
  };
}
