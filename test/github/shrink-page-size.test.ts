import nock from "nock";
import { TransientError } from "../../src/github/errors.js";
import { fetchPullRequestsPage } from "../../src/github/fetch-pull-requests-page.js";
import { API, createTestClient } from "./helpers/app.js";
import { connection, mockQuery, pullRequestNode, sent, type GraphqlBody } from "./helpers/graphql.js";

const repository = { repoId: 1296269, owner: "octocat", repo: "Hello-World" };
const okPage = () => ({ repository: { pullRequests: connection([pullRequestNode()], "page-1", true) } });

/** A failing answer to the next PullRequestsPage, recording the page size it was asked for. */
function failPage(status: number, body: object = { message: "Server Error" }): void {
  nock(API)
    .post("/graphql", (body: GraphqlBody) => {
      sent.push(body);
      return true;
    })
    .reply(status, body);
}

const pageSizes = () => sent.map((body) => body.variables.pageSize);

describe("a GraphQL page too big to answer", () => {
  beforeEach(() => sent.splice(0));

  test("a 502 halves the page size, once, and the next page keeps the smaller size", async () => {
    // plugin-retry on, as in production: it must not retry the same big page first.
    const client = await createTestClient({ retry: { enabled: true } });
    failPage(502);
    mockQuery("PullRequestsPage", okPage(), { pageSize: 25 });

    const page = await fetchPullRequestsPage(client, { ...repository, pageSize: 50 });

    expect(pageSizes()).toEqual([50, 25]);
    expect(page).toMatchObject({ pageSize: 25, nextCursor: "page-1" });
    expect(page.items).toHaveLength(1);
  });

  test("GitHub's 'Something went wrong … timeout' answer shrinks the page too", async () => {
    const client = await createTestClient({ retry: { enabled: true } });
    failPage(200, {
      data: null,
      errors: [
        {
          message:
            "Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please try again later.",
        },
      ],
    });
    mockQuery("PullRequestsPage", okPage(), { pageSize: 25 });

    await expect(fetchPullRequestsPage(client, { ...repository, pageSize: 50 })).resolves.toMatchObject({
      pageSize: 25,
    });
  });

  test("a connection that hangs times out and shrinks the page", async () => {
    const client = await createTestClient();
    nock(API).post("/graphql").delay(500).reply(200, { data: okPage() });
    mockQuery("PullRequestsPage", okPage(), { pageSize: 25 });

    await expect(
      fetchPullRequestsPage(client, { ...repository, pageSize: 50, timeoutMs: 100 }),
    ).resolves.toMatchObject({ pageSize: 25 });
  });

  test("at the smallest size the 502 goes to the job as a TransientError", async () => {
    const client = await createTestClient();
    failPage(502);
    failPage(504);

    const error = await fetchPullRequestsPage(client, { ...repository, pageSize: 10 }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ status: 504, shrinkable: true });
    expect(pageSizes()).toEqual([10, 5]);
  });

  test("other errors are not retried smaller", async () => {
    const client = await createTestClient();
    failPage(500);

    await expect(fetchPullRequestsPage(client, repository)).rejects.toMatchObject({
      status: 500,
      shrinkable: false,
    });
    expect(pageSizes()).toEqual([50]);
  });
});
