import { TransientError } from "../../src/github/errors.js";
import { fetchPullRequest } from "../../src/github/fetch-pull-request.js";
import { fetchPullRequestsPage, type PullRequestsPage } from "../../src/github/fetch-pull-requests-page.js";
import { getInstallationClient } from "../../src/github/installation-client.js";
import { startSimulator, type Simulator } from "../../src/simulator/server.js";
import { API, createTestApp, createTestClient } from "./helpers/app.js";
import {
  connection,
  many,
  mockQuery,
  pullRequestNode,
  sent,
  type GraphqlBody,
  type Json,
} from "./helpers/graphql.js";
import { askedLists, listPage, mockNestedPages, type FullList } from "./helpers/nested-pages.js";
import nock from "nock";

const repository = { repoId: 1296269, owner: "octocat", repo: "Hello-World" };
const exampleFile = ((pullRequestNode().files as Json).nodes as Json[])[0] as Json;
const exampleCommit = ((pullRequestNode().commits as Json).nodes as Json[])[0] as Json;

/** `count` PRs `PR_<i>` whose files overflow (`files` each, 100 on the page), registered in `lists`. */
function prsWithManyFiles(count: number, files: number, lists: Record<string, FullList>): Json[] {
  return Array.from({ length: count }, (_, i) => {
    const list = { items: many(exampleFile, "path", files, (n) => `pr${i}/file${n}.ts`), counted: true };
    lists[`PR_${i}/files`] = list;
    return pullRequestNode({
      id: `PR_${i}`,
      number: i + 1,
      changedFiles: files,
      files: listPage("files", list, 0, 100),
    });
  });
}

const mockPage = (nodes: Json[]) =>
  mockQuery("PullRequestsPage", { repository: { pullRequests: connection(nodes, "page-1") } });

/** Lists asked per nested query, in order. */
const batchSizes = () =>
  sent.filter((body) => body.query.includes("PullRequestNestedPages")).map((body) => askedLists(body).length);

describe("completing overflowing lists across pull requests (nock)", () => {
  beforeEach(() => sent.splice(0));

  test("a vanished PR in a batch leaves its list for a note and loses none of the others", async () => {
    const client = await createTestClient();
    const lists: Record<string, FullList> = {};
    const nodes = prsWithManyFiles(3, 205, lists);
    mockPage(nodes);
    // PR_1 is deleted between its page and the nested query: GitHub answers its alias null, NOT_FOUND.
    mockNestedPages(lists, 2, new Set(["PR_0", "PR_2"]));

    const { items } = await fetchPullRequestsPage(client, repository);

    expect(items.map((item) => item.files.length)).toEqual([205, 100, 205]);
    expect(items.map((item) => item.notes)).toEqual([[], ["files: 100 of 205 fetched"], []]);
    // Round 1 asks all three; round 2 only the two that are still there.
    expect(batchSizes()).toEqual([3, 2]);
    expect(client.budget.pointsSpent).toBe(3);
  });

  test("a round of more lists than a batch holds is split into batches of 20", async () => {
    const client = await createTestClient();
    const lists: Record<string, FullList> = {};
    mockPage(prsWithManyFiles(25, 150, lists));
    mockNestedPages(lists, 2);

    const { items } = await fetchPullRequestsPage(client, repository);

    expect(items.every((item) => item.files.length === 150)).toBe(true);
    expect(batchSizes()).toEqual([20, 5]);
  });

  test("a batch GitHub cannot answer in time is halved and the rest keep the smaller size", async () => {
    const client = await createTestClient({ retry: { enabled: true } });
    const lists: Record<string, FullList> = {};
    mockPage(prsWithManyFiles(4, 150, lists));
    nock(API)
      .post("/graphql", (body: GraphqlBody) => {
        sent.push(body);
        return true;
      })
      .reply(502, "<html>Bad gateway</html>");
    mockNestedPages(lists, 2);

    const { items } = await fetchPullRequestsPage(client, repository);

    expect(items.every((item) => item.files.length === 150)).toBe(true);
    expect(batchSizes()).toEqual([4, 2, 2]);
  });

  test("a single list that keeps failing goes to the job as a TransientError", async () => {
    const client = await createTestClient();
    const lists: Record<string, FullList> = {};
    mockPage(prsWithManyFiles(1, 150, lists));
    nock(API).post("/graphql").reply(504, "<html>Gateway timeout</html>");

    await expect(fetchPullRequestsPage(client, repository)).rejects.toBeInstanceOf(TransientError);
  });

  test("one pull request's overflowing lists share a query per round", async () => {
    const client = await createTestClient();
    const commits = {
      items: many(exampleCommit, "commit", 230, (n) => ({
        ...(exampleCommit.commit as Json),
        oid: `sha${n}`,
      })),
      counted: true,
    };
    const lists: Record<string, FullList> = { "PR_0/commits": commits };
    const [node] = prsWithManyFiles(1, 205, lists);
    mockQuery("PullRequestByNumber", {
      repository: { pullRequest: { ...node, commits: listPage("commits", commits, 0, 100) } },
    });
    mockNestedPages(lists, 2);

    const fetched = await fetchPullRequest(client, { ...repository, number: 1 });

    expect([fetched.commits.length, fetched.files.length]).toEqual([230, 205]);
    expect(batchSizes()).toEqual([2, 2]);
  });
});

describe("completing overflowing lists across pull requests (simulator)", () => {
  let sim: Simulator;
  beforeAll(async () => {
    // This seed's 200 PRs overflow 14 lists by up to 3 pages; no 3,000-file PR (30 pages in a row).
    sim = await startSimulator({ seed: "b2", repos: 1, prsPerRepo: 200 });
  });
  afterAll(() => sim.stop());

  test("every list is complete, in fewer nested queries than lists overflowing", async () => {
    const bodies: string[] = [];
    sim.injectFault({
      kind: "5xx",
      times: Infinity,
      match: (request) => {
        if (request.api === "graphql") bodies.push(request.body);
        return false; // only records
      },
    });
    const app = createTestApp({}, `${sim.url}/api/v3`);
    const client = await getInstallationClient(app, sim.org.installationId);
    const repo = sim.org.repos[0];
    if (!repo) throw new Error("the simulator has no repository");
    sim.resetStats();

    const items: PullRequestsPage["items"] = [];
    let page: PullRequestsPage | undefined;
    do {
      page = await fetchPullRequestsPage(client, {
        repoId: repo.id,
        owner: sim.org.login,
        repo: repo.name,
        cursor: page?.nextCursor,
      });
      items.push(...page.items);
    } while (page.hasNextPage);

    expect(items).toHaveLength(200);
    for (const item of items) {
      const pull = sim.org.pull(repo.name, item.pr.number);
      if (!pull) throw new Error(`no #${item.pr.number}`);
      const details = sim.org.detailsOf(pull);
      const got = {
        number: item.pr.number,
        commits: item.commits.length,
        files: item.files.length,
        reviews: item.reviews.length,
        issueComments: item.comments.filter((comment) => comment.kind === "issue").length,
        reviewComments: item.comments.filter((comment) => comment.kind === "review").length,
        checkRuns: item.checkRuns.length,
      };
      expect(got).toEqual({
        number: item.pr.number,
        // The simulator's GraphQL serves every commit and file (GitHub's caps are REST's there).
        commits: details.commits().length,
        files: details.files().length,
        reviews: details.reviews().length,
        issueComments: details.issueComments().length,
        reviewComments: details.reviewComments().length,
        checkRuns: new Set(details.checkRuns().map((run) => run.name)).size,
      });
    }
    const nested = bodies
      .filter((body) => body.includes("query PullRequestNestedPages"))
      .map((body): GraphqlBody => JSON.parse(body));
    const asked = nested.flatMap(askedLists);
    const lists = new Set(asked.map(([id, field]) => `${String(id)}/${field}`));
    const pages = bodies.filter((body) => body.includes("query PullRequestsPage")).length;
    expect(pages).toBe(4);
    // The simulator's own count: the PR pages and the nested queries, nothing else.
    expect(sim.stats().graphqlRequests - pages).toBe(nested.length);
    // Many lists overflowed, by several pages each, and took fewer queries than there are lists.
    expect(lists.size).toBeGreaterThan(10);
    expect(nested.length).toBeLessThan(lists.size / 2);
  });
});
