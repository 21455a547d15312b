import { GoneError } from "./errors.js";
import { actor } from "./extract-pull-request.js";
import type { GitHubClient } from "./installation-client.js";
import { DEPLOYMENTS_PAGE, deploymentStatusPagesQuery, statusPageAlias } from "./queries/deployments-page.js";
import { runQuery } from "./run-query.js";
import { deploymentsPageSchema, statusPagesSchema, type DeploymentNode } from "./schemas/deployment-node.js";
import type { DeploymentRecord } from "../records/types.js";

/** GitHub's most per page; a page with all its statuses costs 1 point. */
export const DEPLOYMENTS_PAGE_SIZE = 100;
/** Deployments whose statuses overflowed, paged together per query (20 connections: 1 point). */
const STATUS_BATCH_SIZE = 20;

export interface DeploymentsPageOptions {
  repoId: number;
  owner: string;
  repo: string;
  cursor: string | null;
}

export interface DeploymentsPage {
  /** Newest created first. */
  items: DeploymentRecord[];
  nextCursor: string | null;
  hasNextPage: boolean;
}

/**
 * Follows every deployment whose statuses did not fit the page, a batch of them per query, until each
 * list ends (a vanished deployment, or a cursor that does not move, ends its list too).
 */
async function completeStatuses(client: GitHubClient, nodes: DeploymentNode[]): Promise<void> {
  let open = nodes.filter((node) => node.statuses.pageInfo.hasNextPage);
  while (open.length > 0) {
    const batch = open.slice(0, STATUS_BATCH_SIZE);
    const variables = Object.fromEntries(
      batch.flatMap((node, index) => [
        [`id${index}`, node.id],
        [`c${index}`, node.statuses.pageInfo.endCursor],
      ]),
    );
    const answer = await runQuery(
      client,
      deploymentStatusPagesQuery(batch.length),
      variables,
      statusPagesSchema,
      { missingNodesAsNull: true },
    );
    const moved = batch.filter((node, index) => {
      const next = answer[statusPageAlias(index)]?.statuses;
      const cursor = node.statuses.pageInfo.endCursor;
      if (!next || next.pageInfo.endCursor === cursor) return false;
      node.statuses.nodes.push(...next.nodes);
      node.statuses.pageInfo = next.pageInfo;
      return next.pageInfo.hasNextPage;
    });
    open = [...moved, ...open.slice(STATUS_BATCH_SIZE)];
  }
}

/** One deployment as the records keep it; GraphQL's status states are REST's, upper case. */
export function extractDeployment(
  node: DeploymentNode,
  context: { installationId: number; repoId: number },
): DeploymentRecord | null {
  if (node.databaseId === null) return null;
  return {
    ...context,
    deploymentId: node.databaseId,
    environment: node.environment ?? "",
    sha: node.commitOid,
    ref: node.ref?.name ?? "",
    creator: node.creator ? actor(node.creator) : null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    statuses: node.statuses.nodes.flatMap((status) =>
      status ? [{ statusId: null, state: status.state.toLowerCase(), createdAt: status.createdAt }] : [],
    ),
  };
}

/** One page of a repository's deployments, newest created first, each with every status. */
export async function fetchDeploymentsPage(
  client: GitHubClient,
  options: DeploymentsPageOptions,
): Promise<DeploymentsPage> {
  const { owner, repo } = options;
  const value = await runQuery(
    client,
    DEPLOYMENTS_PAGE,
    { owner, name: repo, pageSize: DEPLOYMENTS_PAGE_SIZE, cursor: options.cursor },
    deploymentsPageSchema,
  );
  if (!value.repository)
    throw new GoneError(`Repository ${owner}/${repo} is not visible to the installation`, null);
  const { pageInfo, nodes } = value.repository.deployments;
  const present = nodes.filter((node) => node !== null);
  await completeStatuses(client, present);
  const context = { installationId: client.installationId, repoId: options.repoId };
  return {
    items: present.flatMap((node) => extractDeployment(node, context) ?? []),
    nextCursor: pageInfo.endCursor,
    hasNextPage: pageInfo.hasNextPage,
  };
}
