import { ACTOR, RATE_LIMIT } from "./fragments.js";

/**
 * A deployment's statuses. GraphQL gives a status no database id; state and time identify it (see
 * storage/write/deployments.ts).
 */
const DEPLOYMENT_STATUS_PAGE = /* GraphQL */ `
  fragment DeploymentStatusPage on DeploymentStatusConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      state
      createdAt
    }
  }
`;

/**
 * Cost: the deployments page is 1 request and its statuses 1 per deployment, so a page of 100 with
 * up to 100 statuses each (GitHub's usual is three or four) is 101 requests: 1 point.
 */
export const DEPLOYMENTS_PAGE = /* GraphQL */ `
  query DeploymentsPage($owner: String!, $name: String!, $pageSize: Int!, $cursor: String) {
    ...RateLimitFields
    repository(owner: $owner, name: $name) {
      deployments(first: $pageSize, after: $cursor, orderBy: { field: CREATED_AT, direction: DESC }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          databaseId
          environment
          commitOid
          ref {
            name
          }
          createdAt
          updatedAt
          creator {
            ...Actor
          }
          statuses(first: 100) {
            ...DeploymentStatusPage
          }
        }
      }
    }
  }
  ${RATE_LIMIT}
  ${ACTOR}
  ${DEPLOYMENT_STATUS_PAGE}
`;

/** The alias under which deployment `index` of a status batch answers. */
export const statusPageAlias = (index: number): string => `d${index}`;

/** The next statuses page of each deployment (node id `$id<i>`, cursor `$c<i>`), in one query. */
export function deploymentStatusPagesQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  const parameters = indexes.map((index) => `$id${index}: ID!, $c${index}: String`).join(", ");
  const lookups = indexes
    .map(
      (index) => `
    ${statusPageAlias(index)}: node(id: $id${index}) {
      ... on Deployment {
        statuses(first: 100, after: $c${index}) {
          ...DeploymentStatusPage
        }
      }
    }`,
    )
    .join("");
  return `query DeploymentStatusPages(${parameters}) {
    ...RateLimitFields${lookups}
  }
  ${RATE_LIMIT}
  ${DEPLOYMENT_STATUS_PAGE}`;
}
