import { validate } from "@octokit/graphql-schema";
import { PULL_REQUEST_BY_NUMBER } from "../../src/github/queries/pull-request-by-number.js";
import { PULL_REQUEST_NESTED_PAGE } from "../../src/github/queries/pull-request-nested-page.js";
import { PULL_REQUESTS_PAGE } from "../../src/github/queries/pull-requests-page.js";

const documents: [string, string][] = [
  ["PullRequestsPage", PULL_REQUESTS_PAGE],
  ["PullRequestByNumber", PULL_REQUEST_BY_NUMBER],
  ...Object.entries(PULL_REQUEST_NESTED_PAGE).map(([list, document]): [string, string] => [
    `nested ${list}`,
    document,
  ]),
];

describe("GraphQL documents", () => {
  test.each(documents)("%s validates against GitHub's published schema", (_name, document) => {
    expect(validate(document).map((error) => error.message)).toEqual([]);
  });

  test("the validator does reject a field GitHub does not have", () => {
    expect(validate('query { repository(owner: "o", name: "r") { noSuchField } }')).not.toHaveLength(0);
  });
});
