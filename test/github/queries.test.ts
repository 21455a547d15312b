import { validate } from "@octokit/graphql-schema";
import { DEPLOYMENTS_PAGE, deploymentStatusPagesQuery } from "../../src/github/queries/deployments-page.js";
import { PULL_REQUEST_BY_NUMBER } from "../../src/github/queries/pull-request-by-number.js";
import {
  NESTED_LISTS,
  nestedPagesQuery,
  type NestedList,
} from "../../src/github/queries/pull-request-nested-page.js";
import { PULL_REQUESTS_PAGE } from "../../src/github/queries/pull-requests-page.js";

const everyList = Object.keys(NESTED_LISTS) as NestedList[];

const documents: [string, string][] = [
  ["PullRequestsPage", PULL_REQUESTS_PAGE],
  ["PullRequestByNumber", PULL_REQUEST_BY_NUMBER],
  ["nested pages, one of each list", nestedPagesQuery(everyList)],
  // The same list twice and lists sharing fragments: each fragment must appear once.
  ["nested pages, repeated lists", nestedPagesQuery(["files", "files", "threadComments", "reviewThreads"])],
  ...everyList.map((list): [string, string] => [`nested pages, ${list} alone`, nestedPagesQuery([list])]),
  ["DeploymentsPage", DEPLOYMENTS_PAGE],
  ["DeploymentStatusPages, one deployment", deploymentStatusPagesQuery(1)],
  ["DeploymentStatusPages, a batch", deploymentStatusPagesQuery(20)],
];

describe("GraphQL documents", () => {
  test.each(documents)("%s validates against GitHub's published schema", (_name, document) => {
    expect(validate(document).map((error) => error.message)).toEqual([]);
  });

  // graphql-tag (under validate) drops a repeated fragment silently; GitHub rejects the document.
  test("a batch defines each fragment once, however its lists repeat", () => {
    const document = nestedPagesQuery([...everyList, ...everyList]);
    const names = [...document.matchAll(/fragment (\w+) on/g)].map(([, name]) => name);
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
  });

  test("the validator does reject a field GitHub does not have", () => {
    expect(validate('query { repository(owner: "o", name: "r") { noSuchField } }')).not.toHaveLength(0);
  });
});
