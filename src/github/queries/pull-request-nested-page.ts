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

interface NestedListSpec {
  /** The GraphQL type of the list's owner, found by node id. */
  owner: string;
  /** The connection field on the owner (also the key its page comes back under). */
  field: string;
  /** The connection's selection, continuing after the cursor variable `cursor` (e.g. `$c3`). */
  connection: (cursor: string) => string;
  fragments: string[];
}

/**
 * The lists that may overflow a page, by the type that owns them (a pull request, a review thread, the
 * head commit or a check suite). Each page returns the same fragment as the PR page did, so one zod schema
 * reads both. A page costs 1 request, review threads and check suites 101 (their inner lists, repeated
 * under 100 parents).
 */
export const NESTED_LISTS = {
  commits: {
    owner: "PullRequest",
    field: "commits",
    connection: (cursor) => `commits(first: 100, after: ${cursor}) { ...CommitPage }`,
    fragments: [COMMIT_PAGE],
  },
  files: {
    owner: "PullRequest",
    field: "files",
    connection: (cursor) => `files(first: 100, after: ${cursor}) { ...FilePage }`,
    fragments: [FILE_PAGE],
  },
  reviews: {
    owner: "PullRequest",
    field: "reviews",
    connection: (cursor) => `reviews(first: 100, after: ${cursor}) { ...ReviewPage }`,
    fragments: [REVIEW_PAGE, ACTOR],
  },
  comments: {
    owner: "PullRequest",
    field: "comments",
    connection: (cursor) => `comments(first: 100, after: ${cursor}) { ...IssueCommentPage }`,
    fragments: [ISSUE_COMMENT_PAGE, ACTOR],
  },
  reviewThreads: {
    owner: "PullRequest",
    field: "reviewThreads",
    connection: (cursor) => `reviewThreads(first: 100, after: ${cursor}) { ...ReviewThreadPage }`,
    fragments: [REVIEW_THREAD_PAGE, REVIEW_COMMENT_PAGE, ACTOR],
  },
  threadComments: {
    owner: "PullRequestReviewThread",
    field: "comments",
    connection: (cursor) => `comments(first: 100, after: ${cursor}) { ...ReviewCommentPage }`,
    fragments: [REVIEW_COMMENT_PAGE, ACTOR],
  },
  checkSuites: {
    owner: "Commit",
    field: "checkSuites",
    connection: (cursor) => `checkSuites(first: 100, after: ${cursor}) { ...CheckSuitePage }`,
    fragments: [CHECK_SUITE_PAGE, CHECK_RUN_PAGE],
  },
  checkRuns: {
    owner: "CheckSuite",
    field: "checkRuns",
    connection: (cursor) =>
      `checkRuns(first: 100, after: ${cursor}, filterBy: { checkType: LATEST }) { ...CheckRunPage }`,
    fragments: [CHECK_RUN_PAGE],
  },
} satisfies Record<string, NestedListSpec>;

export type NestedList = keyof typeof NESTED_LISTS;

/** The response key of the i-th list of a batch. */
export const nestedPageAlias = (index: number): string => `p${index}`;

/** The variables of a batch: the i-th list's owner as `id<i>`, where it continues as `c<i>`. */
export function nestedPagesVariables(
  pages: readonly { ownerId: string; cursor: string | null }[],
): Record<string, string | null> {
  return Object.fromEntries(
    pages.flatMap(({ ownerId, cursor }, i) => [
      [`id${i}`, ownerId],
      [`c${i}`, cursor],
    ]),
  );
}

/**
 * The next 100 items of several overflowing lists in one query, the i-th list under alias `p<i>`
 * (`p0: node(id: $id0) { ... on PullRequest { files(first: 100, after: $c0) { ...FilePage } } }`), with
 * the rate limit once. Its cost is the sum of its lists' (see NESTED_LISTS), ÷ 100. Only the fragments
 * the lists spread are included, each once: GraphQL rejects unused and duplicate fragments.
 */
export function nestedPagesQuery(lists: readonly NestedList[]): string {
  const specs: NestedListSpec[] = lists.map((list) => NESTED_LISTS[list]);
  const variables = specs.map((_, i) => `$id${i}: ID!, $c${i}: String`).join(", ");
  const selections = specs.map(
    (spec, i) =>
      `${nestedPageAlias(i)}: node(id: $id${i}) { ... on ${spec.owner} { ${spec.connection(`$c${i}`)} } }`,
  );
  const fragments = new Set([RATE_LIMIT, ...specs.flatMap((spec) => spec.fragments)]);
  return /* GraphQL */ `
  query PullRequestNestedPages(${variables}) {
    ...RateLimitFields
    ${selections.join("\n    ")}
  }
  ${[...fragments].join("")}
`;
}
