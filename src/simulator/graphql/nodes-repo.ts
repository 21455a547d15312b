import { iso, nodeId } from "../ids.js";
import type { DeploymentModel, DeploymentStatusModel, PullModel, RepoModel } from "../model.js";
import { connection, type ConnectionArgs } from "./connection.js";
import { GitHubGraphQLError } from "./errors.js";
import { commitNode, commitRef } from "./nodes-commit.js";
import { actorNode, enumValue, type GqlScope } from "./nodes-common.js";
import { pullRequestNode } from "./nodes-pull.js";

interface PullRequestsArgs extends ConnectionArgs {
  states?: string[] | null;
  labels?: string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  orderBy?: { field: string; direction: string } | null;
}

const pullState = (pull: PullModel) =>
  pull.mergedAt !== null ? "MERGED" : pull.closedAt !== null ? "CLOSED" : "OPEN";

/** The repository's PRs filtered and ordered as asked; GitHub's default order is oldest created first. */
function orderedPulls(pulls: readonly PullModel[], args: PullRequestsArgs): PullModel[] {
  const field = args.orderBy?.field ?? "CREATED_AT";
  const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
  const key = (pull: PullModel) => (field === "UPDATED_AT" ? pull.updatedAt : pull.createdAt);
  return pulls
    .filter(
      (pull) =>
        (!args.states || args.states.includes(pullState(pull))) &&
        (!args.labels || args.labels.some((label) => pull.labels.includes(label))) &&
        (!args.headRefName || pull.headRef === args.headRefName) &&
        (!args.baseRefName || pull.baseRef === args.baseRefName),
    )
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}

function statusNode(status: DeploymentStatusModel, environment: string) {
  return {
    __typename: "DeploymentStatus",
    id: nodeId("DES", status.id),
    state: enumValue(status.state),
    createdAt: iso(status.createdAt),
    updatedAt: iso(status.createdAt),
    environment,
    description: "",
  };
}

export function deploymentNode(scope: GqlScope, repo: RepoModel, deployment: DeploymentModel) {
  const last = deployment.statuses.at(-1);
  const states: Record<string, string> = { success: "ACTIVE", failure: "FAILURE", error: "ERROR" };
  return {
    __typename: "Deployment",
    id: nodeId("DE", deployment.id),
    databaseId: deployment.id,
    environment: deployment.environment,
    originalEnvironment: deployment.environment,
    task: "deploy",
    createdAt: iso(deployment.createdAt),
    updatedAt: iso(last?.createdAt ?? deployment.createdAt),
    commitOid: deployment.sha,
    commit: commitRef(scope, repo, deployment.sha),
    ref: { __typename: "Ref", name: deployment.ref },
    creator: actorNode(scope, deployment.creator),
    state: last ? (states[last.state] ?? enumValue(last.state)) : "PENDING",
    latestStatus: last ? statusNode(last, deployment.environment) : null,
    statuses: (args: ConnectionArgs) =>
      connection([...deployment.statuses].reverse(), args, (status) =>
        statusNode(status, deployment.environment),
      ),
  };
}

export function repositoryNode(scope: GqlScope, repo: RepoModel) {
  const { org } = scope;
  return {
    __typename: "Repository",
    id: nodeId("R", repo.name),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    owner: { __typename: "Organization", id: nodeId("O", org.id), login: org.login },
    url: `${scope.urls.web}/${repo.fullName}`,
    isPrivate: repo.private,
    isArchived: false,
    isFork: false,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    createdAt: iso(repo.createdAt),
    updatedAt: iso(org.world.now),
    pushedAt: iso(org.world.now),
    defaultBranchRef: { __typename: "Ref", id: nodeId("REF", repo.name), name: repo.defaultBranch },
    primaryLanguage: { __typename: "Language", name: repo.language },
    pullRequests: (args: PullRequestsArgs) =>
      connection(orderedPulls(org.pulls(repo.name), args), args, (pull) =>
        pullRequestNode(scope, repo, pull),
      ),
    pullRequest: ({ number }: { number: number }) => {
      const pull = org.pull(repo.name, number);
      if (!pull) {
        throw new GitHubGraphQLError(
          "NOT_FOUND",
          `Could not resolve to a PullRequest with the number of ${number}.`,
        );
      }
      return pullRequestNode(scope, repo, pull);
    },
    deployments: (
      args: ConnectionArgs & { environments?: string[] | null; orderBy?: { direction: string } | null },
    ) => {
      const newestFirst = org.deployments(repo.name);
      const ordered = args.orderBy?.direction === "DESC" ? newestFirst : [...newestFirst].reverse();
      const list = ordered.filter((d) => !args.environments || args.environments.includes(d.environment));
      return connection(list, args, (deployment) => deploymentNode(scope, repo, deployment));
    },
    /** Only a PR's current head commit is known by oid: that is where check runs are looked up. */
    object: ({ oid }: { oid?: string | null }) => {
      const pull = oid ? org.pullByHeadSha(repo.name, oid) : undefined;
      if (!pull) return null;
      const details = org.detailsOf(pull);
      const head = details.commits().at(-1);
      return head ? commitNode(scope, repo, head, () => details.checkRuns(), pull.number) : null;
    },
  };
}

export function organizationNode(scope: GqlScope) {
  const { org } = scope;
  return {
    __typename: "Organization",
    id: nodeId("O", org.id),
    databaseId: org.id,
    login: org.login,
    name: org.login,
    url: `${scope.urls.web}/${org.login}`,
    repositories: (args: ConnectionArgs) =>
      connection(org.repos, args, (repo) => repositoryNode(scope, repo)),
  };
}
