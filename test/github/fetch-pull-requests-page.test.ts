import { fetchPullRequest } from "../../src/github/fetch-pull-request.js";
import { fetchPullRequestsPage } from "../../src/github/fetch-pull-requests-page.js";
import { GoneError } from "../../src/github/errors.js";
import { listPullRequestsUpdatedSince } from "../../src/github/list-pull-requests-updated-since.js";
import nock from "nock";
import { API, createTestClient } from "./helpers/app.js";
import { connection, many, mockQuery, pullRequestNode, sent, type Json } from "./helpers/graphql.js";
import { askedLists, listPage, mockNestedPages, type FullList } from "./helpers/nested-pages.js";

const repository = { repoId: 1296269, owner: "octocat", repo: "Hello-World" };
const example = pullRequestNode();
const first = (list: string): Json => ((example[list] as Json).nodes as Json[])[0] as Json;
const headCommit = ((example.headCommit as Json).nodes as Json[])[0] as Json;
const exampleSuite = (((headCommit.commit as Json).checkSuites as Json).nodes as Json[])[0] as Json;
const exampleRun = ((exampleSuite.checkRuns as Json).nodes as Json[])[0] as Json;
const exampleThread = first("reviewThreads");
const exampleReviewComment = ((exampleThread.comments as Json).nodes as Json[])[0] as Json;

/** Every list the tests let overflow, by `<owner id>/<field>`, for mockNestedPages to page through. */
let lists: Record<string, FullList> = {};

/** A list of `items` of which the page holds the first `pageSize`; the rest is served in nested pages. */
function overflowing(field: string, ownerId: string, items: Json[], pageSize: number, counted = false): Json {
  const list = { items, counted };
  lists[`${ownerId}/${field}`] = list;
  return listPage(field, list, 0, pageSize);
}

const commits = many(first("commits"), "commit", 230, (i) => ({
  ...(first("commits").commit as Json),
  oid: `sha${i}`,
}));
const files = many(first("files"), "path", 205, (i) => `src/file${i}.ts`);
const reviews = many(first("reviews"), "fullDatabaseId", 151, (i) => String(1000 + i));
const issueComments = many(first("comments"), "fullDatabaseId", 151, (i) => String(2000 + i));
const threadComments = (thread: number, count: number) =>
  many(exampleReviewComment, "fullDatabaseId", count, (i) => String(100_000 * (thread + 1) + i));
const runs = (suite: number, count: number) =>
  many(exampleRun, "databaseId", count, (i) => 100_000 * (suite + 1) + i);

describe("fetchPullRequestsPage", () => {
  beforeEach(() => {
    sent.splice(0);
    lists = {};
  });

  test("completes every nested list past 100 in batched nested pages, only those that overflow", async () => {
    const client = await createTestClient();
    // Thread 0 and suite 0 overflow their own inner lists; every other thread and suite fits.
    const threads = Array.from({ length: 121 }, (_, i) => ({
      id: `thread${i}`,
      comments:
        i === 0
          ? overflowing("comments", "thread0", threadComments(0, 131), 30)
          : connection(threadComments(i, 1), `thread${i}-comments`),
    }));
    const suites = Array.from({ length: 111 }, (_, i) => ({
      ...exampleSuite,
      id: `suite${i}`,
      databaseId: 500 + i,
      checkRuns:
        i === 0
          ? overflowing("checkRuns", "suite0", runs(0, 151), 50)
          : connection(runs(i, 1), `suite${i}-runs`),
    }));
    const commitId = (headCommit.commit as Json).id as string;
    const node = pullRequestNode({
      changedFiles: 205,
      commits: overflowing("commits", example.id as string, commits, 100, true),
      files: overflowing("files", example.id as string, files, 100, true),
      reviews: overflowing("reviews", example.id as string, reviews, 50),
      comments: overflowing("comments", example.id as string, issueComments, 50),
      reviewThreads: overflowing("reviewThreads", example.id as string, threads, 20),
      headCommit: {
        nodes: [
          {
            commit: {
              ...(headCommit.commit as Json),
              checkSuites: overflowing("checkSuites", commitId, suites, 10),
            },
          },
        ],
      },
    });
    mockQuery(
      "PullRequestsPage",
      { repository: { pullRequests: connection([node], "page-1", true) } },
      { cursor: null },
    );
    mockNestedPages(lists, 2);

    const page = await fetchPullRequestsPage(client, repository);

    expect(page).toMatchObject({ nextCursor: "page-1", hasNextPage: true, pageSize: 50 });
    const [fetched] = page.items;
    expect(fetched?.commits).toHaveLength(230);
    expect(new Set(fetched?.commits.map((commit) => commit.sha)).size).toBe(230);
    expect(fetched?.files).toHaveLength(205);
    expect(fetched?.reviews).toHaveLength(151);
    expect(fetched?.comments.filter((comment) => comment.kind === "issue")).toHaveLength(151);
    expect(fetched?.comments.filter((comment) => comment.kind === "review")).toHaveLength(131 + 120);
    expect(fetched?.checkRuns).toHaveLength(151 + 110);
    expect(fetched?.notes).toEqual([]);
    // Two pages per list (100 + the rest), the eight lists' in one query per round: two queries.
    const batches = sent.slice(1).map(askedLists);
    expect(batches.map((batch) => batch.length)).toEqual([8, 8]);
    expect(batches.flat()).toHaveLength(16);
    expect(batches[1]).toContainEqual([example.id, "commits", "commits-200"]);
    expect(batches[1]).toContainEqual(["thread0", "comments", "comments-130"]);
    expect(batches[1]).toContainEqual(["suite0", "checkRuns", "checkRuns-150"]);
    expect(sent[0]?.variables).toEqual({
      owner: "octocat",
      name: "Hello-World",
      pageSize: 50,
      cursor: null,
      states: null,
    });
  });

  test("notes GitHub's 250-commit cap when the commit list stops short of totalCount", async () => {
    const client = await createTestClient();
    const capped = many(first("commits"), "commit", 250, (i) => ({
      ...(first("commits").commit as Json),
      oid: `sha${i}`,
    }));
    const list = overflowing("commits", example.id as string, capped, 100, true);
    const node = pullRequestNode({ commits: { ...list, totalCount: 400 } });
    // GitHub's last page says hasNextPage: false at 250 although totalCount is 400.
    mockQuery("PullRequestsPage", { repository: { pullRequests: connection([node], "page-1") } });
    mockNestedPages(lists, 2);

    const { items } = await fetchPullRequestsPage(client, repository);

    expect(items[0]?.commits).toHaveLength(250);
    expect(items[0]?.notes).toEqual(["commits: GitHub lists at most 250 (this pull request has 400)"]);
  });

  test("drops PRs updated before `updatedSince` and ends paging there", async () => {
    const client = await createTestClient();
    const nodes = ["2024-03-03T00:00:00Z", "2024-03-02T00:00:00Z", "2024-03-01T00:00:00Z"].map(
      (updatedAt, i) => pullRequestNode({ number: i + 1, updatedAt }),
    );
    mockQuery(
      "PullRequestsPage",
      { repository: { pullRequests: connection(nodes.slice(0, 2), "p1", true) } },
      { cursor: "p0" },
    );
    mockQuery(
      "PullRequestsPage",
      { repository: { pullRequests: connection(nodes.slice(2), "p2", true) } },
      { cursor: "p1" },
    );

    const pages = [];
    for await (const page of listPullRequestsUpdatedSince(client, {
      ...repository,
      cursor: "p0",
      since: new Date("2024-03-02T00:00:00Z"),
    })) {
      pages.push(page);
    }

    expect(
      pages.map((page) => [page.items.map((item) => item.pr.number), page.nextCursor, page.hasNextPage]),
    ).toEqual([
      [[1, 2], "p1", true],
      [[], "p2", false],
    ]);
  });
});

describe("fetchPullRequest", () => {
  test("fetches one pull request by number in one query", async () => {
    const client = await createTestClient();
    mockQuery("PullRequestByNumber", { repository: { pullRequest: pullRequestNode() } });

    const fetched = await fetchPullRequest(client, { ...repository, number: 1347 });

    expect(fetched.pr).toMatchObject({
      number: 1347,
      repo: "octocat/Hello-World",
      repoId: 1296269,
      installationId: 1,
    });
    expect(client.budget.pointsSpent).toBe(1);
  });

  test("a repository GitHub cannot resolve ends the work with GoneError", async () => {
    const client = await createTestClient();
    nock(API)
      .post("/graphql")
      .reply(200, {
        data: { repository: null },
        errors: [
          {
            type: "NOT_FOUND",
            path: ["repository"],
            locations: [{ line: 3, column: 5 }],
            message: "Could not resolve to a Repository with the name 'octocat/Hello-World'.",
          },
        ],
      });

    await expect(fetchPullRequest(client, { ...repository, number: 1347 })).rejects.toBeInstanceOf(GoneError);
  });
});
