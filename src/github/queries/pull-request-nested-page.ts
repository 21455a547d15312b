import {
  ACTOR,
  CHECK_RUN_PAGE,
  CHECK_SUITE_PAGE,
  COMMIT_PAGE,
  FILE_PAGE,
  ISSUE_COMMENT_PAGE,
  RATE_LIMIT,
  REVIEW_COMMENT_PAGE,
  REVIEW_PAGE,
  REVIEW_THREAD_PAGE,
} from "./fragments.js";

/**
 * The next 100 items of ONE list that overflowed a page, by the node id of its owner (a pull request, a
 * review thread, the head commit or a check suite), continuing from that list's `endCursor`. Each returns
 * the same fragment as the page did. Each costs 1 point (review threads and check suites: 101 implied
 * requests, rounded to 1).
 */
const nestedPage = (
  operation: string,
  owner: string,
  connection: string,
  fragments: string[],
) => /* GraphQL */ `
  query ${operation}($id: ID!, $cursor: String) {
    ...RateLimitFields
    node(id: $id) {
      ... on ${owner} {
        ${connection}
      }
    }
  }
  ${RATE_LIMIT}${fragments.join("")}
`;

export const PULL_REQUEST_NESTED_PAGE = {
  commits: nestedPage(
    "PullRequestCommitsPage",
    "PullRequest",
    "commits(first: 100, after: $cursor) { ...CommitPage }",
    [COMMIT_PAGE],
  ),
  files: nestedPage(
    "PullRequestFilesPage",
    "PullRequest",
    "files(first: 100, after: $cursor) { ...FilePage }",
    [FILE_PAGE],
  ),
  reviews: nestedPage(
    "PullRequestReviewsPage",
    "PullRequest",
    "reviews(first: 100, after: $cursor) { ...ReviewPage }",
    [REVIEW_PAGE, ACTOR],
  ),
  comments: nestedPage(
    "PullRequestCommentsPage",
    "PullRequest",
    "comments(first: 100, after: $cursor) { ...IssueCommentPage }",
    [ISSUE_COMMENT_PAGE, ACTOR],
  ),
  reviewThreads: nestedPage(
    "PullRequestReviewThreadsPage",
    "PullRequest",
    "reviewThreads(first: 100, after: $cursor) { ...ReviewThreadPage }",
    [REVIEW_THREAD_PAGE, REVIEW_COMMENT_PAGE, ACTOR],
  ),
  threadComments: nestedPage(
    "ReviewThreadCommentsPage",
    "PullRequestReviewThread",
    "comments(first: 100, after: $cursor) { ...ReviewCommentPage }",
    [REVIEW_COMMENT_PAGE, ACTOR],
  ),
  checkSuites: nestedPage(
    "CommitCheckSuitesPage",
    "Commit",
    "checkSuites(first: 100, after: $cursor) { ...CheckSuitePage }",
    [CHECK_SUITE_PAGE, CHECK_RUN_PAGE],
  ),
  checkRuns: nestedPage(
    "CheckSuiteCheckRunsPage",
    "CheckSuite",
    "checkRuns(first: 100, after: $cursor, filterBy: { checkType: LATEST }) { ...CheckRunPage }",
    [CHECK_RUN_PAGE],
  ),
} as const;

export type NestedList = keyof typeof PULL_REQUEST_NESTED_PAGE;
