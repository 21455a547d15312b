import { PULL_REQUEST_FRAGMENTS, RATE_LIMIT } from "./fragments.js";

/**
 * One pull request with all its lists, for the merge job: 1 point (41 implied requests), where REST needs
 * seven paginated calls (commits, files, reviews, review comments, issue comments, timeline, check runs).
 */
export const PULL_REQUEST_BY_NUMBER = /* GraphQL */ `
  query PullRequestByNumber($owner: String!, $name: String!, $number: Int!) {
    ...RateLimitFields
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        ...PullRequestFields
      }
    }
  }
  ${RATE_LIMIT}
  ${PULL_REQUEST_FRAGMENTS}
`;
