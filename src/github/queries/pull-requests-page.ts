import { PULL_REQUEST_FRAGMENTS, RATE_LIMIT } from "./fragments.js";

/**
 * One page of a repository's pull requests, newest update first, each with its nested lists (see
 * PULL_REQUEST_FIELDS for the cost: 21 points at the default 50 per page). `states: null` means every
 * state: an incremental sync must see PRs closed or merged since it last ran, not only open ones.
 */
export const PULL_REQUESTS_PAGE = /* GraphQL */ `
  query PullRequestsPage(
    $owner: String!
    $name: String!
    $pageSize: Int!
    $cursor: String
    $states: [PullRequestState!]
  ) {
    ...RateLimitFields
    repository(owner: $owner, name: $name) {
      pullRequests(
        first: $pageSize
        after: $cursor
        states: $states
        orderBy: { field: UPDATED_AT, direction: DESC }
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...PullRequestFields
        }
      }
    }
  }
  ${RATE_LIMIT}
  ${PULL_REQUEST_FRAGMENTS}
`;
