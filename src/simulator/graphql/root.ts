import { decodeNodeId } from "../ids.js";
import { GitHubGraphQLError } from "./errors.js";
import type { GqlScope } from "./nodes-common.js";
import { pullRequestNode } from "./nodes-pull.js";
import { deploymentNode, organizationNode, repositoryNode } from "./nodes-repo.js";

export interface RateLimitView {
  cost: number;
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
  nodeCount: number;
}

const byId = <T extends { id: string }>(nodes: T[] | undefined, id: string) =>
  nodes?.find((node) => node.id === id) ?? null;

/**
 * The objects a sync pages by node id: pull requests, their reviews, review threads, head commit and
 * its check suites, deployments, and repositories. Ids carry (repository, PR), so each is found by rebuilding its PR.
 */
function resolveNode(scope: GqlScope, id: string) {
  const pullOf = (parts: string[] | undefined) => {
    const repo = parts && scope.org.repos[Number(parts[0])];
    const pull = repo && scope.org.pull(repo.name, Number(parts[1]));
    return repo && pull ? pullRequestNode(scope, repo, pull) : undefined;
  };
  const prefix = id.slice(0, id.indexOf("_"));
  const parts = decodeNodeId(prefix, id);
  switch (prefix) {
    case "PR":
      return pullOf(parts) ?? null;
    case "PRR":
      return byId(pullOf(parts)?.reviews({}).nodes(), id);
    case "PRRT":
      return byId(pullOf(parts)?.reviewThreads({}).nodes(), id);
    case "CS": {
      const head = pullOf(parts)?.commits({ last: 1 }).nodes()[0]?.commit;
      return byId(head?.checkSuites({}).nodes(), id);
    }
    case "C": {
      const repo = parts && scope.org.repos[Number(parts[0])];
      return repo ? repositoryNode(scope, repo).object({ oid: parts[1] }) : null;
    }
    case "DE": {
      const found = parts && scope.org.deployment(Number(parts[0]));
      return found ? deploymentNode(scope, found.repo, found.deployment) : null;
    }
    case "R": {
      const repo = parts && scope.org.repo(parts[0]);
      return repo ? repositoryNode(scope, repo) : null;
    }
    default:
      return null;
  }
}

/** The Query type's fields that a sync uses. */
export function rootValue(scope: GqlScope, rateLimit: RateLimitView) {
  const { org } = scope;
  return {
    rateLimit: () => rateLimit,
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = owner.toLowerCase() === org.login.toLowerCase() ? org.repo(name) : undefined;
      if (!repo)
        throw new GitHubGraphQLError(
          "NOT_FOUND",
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return repositoryNode(scope, repo);
    },
    organization: ({ login }: { login: string }) => {
      if (login.toLowerCase() !== org.login.toLowerCase()) {
        throw new GitHubGraphQLError(
          "NOT_FOUND",
          `Could not resolve to an Organization with the login of '${login}'.`,
        );
      }
      return organizationNode(scope);
    },
    node: ({ id }: { id: string }) => {
      const node = resolveNode(scope, id);
      if (!node)
        throw new GitHubGraphQLError(
          "NOT_FOUND",
          `Could not resolve to a node with the global id of '${id}'`,
        );
      return node;
    },
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => resolveNode(scope, id)),
  };
}
