/**
 * GraphQL fragments shared by the page, by-number and nested-page documents, so a nested page returns the
 * same shape as the list it continues (one zod schema in ../schemas/pull-request-node.ts reads both).
 * A document must include exactly the fragments it spreads (GraphQL rejects unused or duplicate ones).
 *
 * Cost (GitHub: requests implied by connections ÷ 100): an inner `first` costs nothing, only how many
 * parents it repeats under. So inner lists are generous (fewer overflow queries) and only the lists nested
 * two deep (thread comments, check runs) multiply the points. `databaseId` is deprecated on pull requests,
 * reviews and review comments in favour of `fullDatabaseId` (a BigInt, sent as a string).
 */

export const ACTOR = /* GraphQL */ `
  fragment Actor on Actor {
    __typename
    login
    ... on User {
      databaseId
    }
    ... on Bot {
      databaseId
    }
  }
`;

export const RATE_LIMIT = /* GraphQL */ `
  fragment RateLimitFields on Query {
    rateLimit {
      cost
      limit
      remaining
      resetAt
    }
  }
`;

export const REVIEW_PAGE = /* GraphQL */ `
  fragment ReviewPage on PullRequestReviewConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      fullDatabaseId
      state
      submittedAt
      author {
        ...Actor
      }
      commit {
        oid
      }
    }
  }
`;

export const COMMIT_PAGE = /* GraphQL */ `
  fragment CommitPage on PullRequestCommitConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      commit {
        oid
        message
        authoredDate
        committedDate
        author {
          name
          email
          user {
            login
          }
        }
      }
    }
  }
`;

export const FILE_PAGE = /* GraphQL */ `
  fragment FilePage on PullRequestChangedFileConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      path
      changeType
      additions
      deletions
    }
  }
`;

/** Issue comments and review comments are read alike; one builder keeps their two fragments in step. */
const commentPage = (name: string, connection: string): string => /* GraphQL */ `
  fragment ${name} on ${connection} {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      fullDatabaseId
      createdAt
      updatedAt
      author {
        ...Actor
      }
    }
  }
`;

export const ISSUE_COMMENT_PAGE = commentPage("IssueCommentPage", "IssueCommentConnection");

export const REVIEW_COMMENT_PAGE = commentPage("ReviewCommentPage", "PullRequestReviewCommentConnection");

export const REVIEW_THREAD_PAGE = /* GraphQL */ `
  fragment ReviewThreadPage on PullRequestReviewThreadConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      comments(first: 30) {
        ...ReviewCommentPage
      }
    }
  }
`;

export const CHECK_RUN_PAGE = /* GraphQL */ `
  fragment CheckRunPage on CheckRunConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      databaseId
      name
      status
      conclusion
      startedAt
      completedAt
    }
  }
`;

/** LATEST: a re-run replaces the earlier run of the same name (METRICS.md), as REST's default filter does. */
export const CHECK_SUITE_PAGE = /* GraphQL */ `
  fragment CheckSuitePage on CheckSuiteConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      databaseId
      app {
        slug
      }
      checkRuns(first: 50, filterBy: { checkType: LATEST }) {
        ...CheckRunPage
      }
    }
  }
`;

/**
 * One pull request with every list the sync engine stores. Per PR this implies 10 connections + 20 thread
 * comment lists + 1 check suite list + 10 check run lists = 41 requests; a page of 50 PRs is
 * 1 + 50 × 41 = 2,051 requests → 21 points, and at most ~80,000 nodes (limit 500,000).
 * The draft timeline alternates convert/ready, so its first 10 events always hold the first ready event.
 */
export const PULL_REQUEST_FIELDS = /* GraphQL */ `
  fragment PullRequestFields on PullRequest {
    id
    fullDatabaseId
    number
    title
    body
    state
    isDraft
    createdAt
    updatedAt
    closedAt
    mergedAt
    headRefName
    headRefOid
    baseRefName
    mergeCommit {
      oid
    }
    additions
    deletions
    changedFiles
    author {
      ...Actor
    }
    labels(first: 100) {
      totalCount
      nodes {
        name
      }
    }
    assignees(first: 10) {
      totalCount
      nodes {
        login
      }
    }
    milestone {
      title
    }
    closingIssuesReferences(first: 25) {
      totalCount
      nodes {
        number
        repository {
          nameWithOwner
        }
      }
    }
    timelineItems(first: 10, itemTypes: [READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]) {
      nodes {
        __typename
        ... on ReadyForReviewEvent {
          createdAt
        }
        ... on ConvertToDraftEvent {
          createdAt
        }
      }
    }
    reviews(first: 50) {
      ...ReviewPage
    }
    commits(first: 100) {
      ...CommitPage
    }
    files(first: 100) {
      ...FilePage
    }
    comments(first: 50) {
      ...IssueCommentPage
    }
    reviewThreads(first: 20) {
      ...ReviewThreadPage
    }
    headCommit: commits(last: 1) {
      nodes {
        commit {
          id
          oid
          checkSuites(first: 10) {
            ...CheckSuitePage
          }
        }
      }
    }
  }
`;

/** Every fragment PULL_REQUEST_FIELDS spreads, itself included. */
export const PULL_REQUEST_FRAGMENTS = [
  PULL_REQUEST_FIELDS,
  ACTOR,
  REVIEW_PAGE,
  COMMIT_PAGE,
  FILE_PAGE,
  ISSUE_COMMENT_PAGE,
  REVIEW_THREAD_PAGE,
  REVIEW_COMMENT_PAGE,
  CHECK_SUITE_PAGE,
  CHECK_RUN_PAGE,
].join("");
