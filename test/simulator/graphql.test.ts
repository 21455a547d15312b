import { startSimulator, type Simulator } from "../../src/simulator/server.js";
import { graphql, installationToken } from "./client.js";

interface Reply {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; type?: string }>;
}

describe("the simulator's GraphQL API", () => {
  let sim: Simulator;
  let token: string;
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await graphql(sim, token, query, variables);
    expect(response.status).toBe(200);
    return JSON.parse(response.text) as Reply;
  };
  /** Reads a path such as `repository.pullRequest.title` out of a reply's data. */
  const at = (reply: Reply, path: string): unknown =>
    path
      .split(".")
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], reply.data);

  beforeAll(async () => {
    sim = await startSimulator({ seed: "graphql", repos: 3, prsPerRepo: 400, now: Date.UTC(2025, 5, 1) });
    token = await installationToken(sim);
  });
  afterAll(() => sim.stop());

  it("rejects a query that does not validate against GitHub's schema, as GitHub does (200 with errors)", async () => {
    const reply = await ask(`{ repository(owner: "acme", name: "web") { pullRequest(number: 1) { nope } } }`);
    expect(reply.data).toBeUndefined();
    expect(reply.errors?.[0].message).toBe('Cannot query field "nope" on type "PullRequest".');
    expect((await ask("{ repository(")).errors?.[0].message).toMatch(/Syntax Error/);
  });

  it("returns the seeded pull request, with bots named as GraphQL names them", async () => {
    const pull = sim.org.pulls("web").find((p) => p.author.login === "dependabot[bot]");
    if (!pull) throw new Error("no dependabot PR");
    const reply = await ask(
      `query($n: Int!) { repository(owner: "acme", name: "web") { pullRequest(number: $n) {
        fullDatabaseId number title state headRefOid additions changedFiles
        author { login __typename ... on Bot { databaseId } }
        commits(first: 5) { totalCount nodes { commit { oid } } } } } }`,
      { n: pull.number },
    );
    expect(reply.errors).toBeUndefined();
    expect(at(reply, "repository.pullRequest")).toMatchObject({
      fullDatabaseId: String(pull.id),
      number: pull.number,
      title: pull.title,
      state: pull.mergedAt ? "MERGED" : pull.closedAt ? "CLOSED" : "OPEN",
      headRefOid: pull.headSha,
      additions: pull.additions,
      changedFiles: pull.files,
      author: { login: "dependabot", __typename: "Bot", databaseId: pull.author.id },
      commits: { totalCount: pull.commits },
    });
  });

  it("charges points by GitHub's formula", async () => {
    // Requests: pullRequests 1 + reviews 40 + commits 40 + labels 40 + review comments 40 × 30 = 1,321
    // → 13.21 → 13 points. Nodes: 40 + 40×30 + 40×100 + 40×5 + 40×30×10 = 17,440.
    const nested = await ask(`{ rateLimit { cost nodeCount } repository(owner: "acme", name: "web") {
      pullRequests(first: 40) { nodes {
        reviews(first: 30) { nodes { comments(first: 10) { totalCount } } }
        commits(first: 100) { totalCount }
        labels(first: 5) { totalCount } } } } }`);
    expect(nested.errors).toBeUndefined();
    expect(at(nested, "rateLimit")).toEqual({ cost: 13, nodeCount: 17_440 });

    // GitHub's documented example, on an organisation: 1 + 100 + 100 × 50 = 5,101 requests → 51 points.
    const documented = await ask(`{ rateLimit { cost nodeCount } organization(login: "acme") {
      repositories(first: 100) { nodes { pullRequests(first: 50) { nodes { labels(first: 60) { nodes { name } } } } } } } }`);
    expect(at(documented, "rateLimit")).toEqual({ cost: 51, nodeCount: 305_100 });

    expect(
      at(await ask(`{ rateLimit { cost } repository(owner: "acme", name: "web") { name } }`), "rateLimit"),
    ).toEqual({
      cost: 1,
    });
  });

  it("enforces first/last on connections, at most 100, and the 500,000-node limit", async () => {
    const missing = await ask(
      `{ repository(owner: "acme", name: "web") { pullRequests { nodes { number } } } }`,
    );
    expect(missing.errors?.[0]).toMatchObject({ type: "MISSING_PAGINATION_BOUNDARIES" });
    const excessive = await ask(
      `{ repository(owner: "acme", name: "web") { pullRequests(first: 101) { nodes { number } } } }`,
    );
    expect(excessive.errors?.[0]).toMatchObject({ type: "EXCESSIVE_PAGINATION" });
    const countOnly = await ask(`{ repository(owner: "acme", name: "web") { pullRequests { totalCount } } }`);
    expect(at(countOnly, "repository.pullRequests.totalCount")).toBe(400);
    const huge = await ask(`{ repository(owner: "acme", name: "web") { pullRequests(first: 100) { nodes {
      commits(first: 100) { nodes { commit { checkSuites(first: 100) { nodes { checkRuns(first: 1) { totalCount } } } } } } } } } }`);
    expect(huge.errors?.[0]).toMatchObject({ type: "MAX_NODE_LIMIT_EXCEEDED" });
  });

  it("pages a PR's long commit list by node id and cursor", async () => {
    const pull = sim.org.pulls("web").find((p) => p.commits > 100);
    if (!pull) throw new Error("no PR with over 100 commits");
    const first = await ask(
      `query($n: Int!) { repository(owner: "acme", name: "web") { pullRequest(number: $n) { id
        commits(first: 100) { pageInfo { hasNextPage endCursor } nodes { commit { oid } } } } } }`,
      { n: pull.number },
    );
    type Page = {
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: Array<{ commit: { oid: string } }>;
    };
    let page = at(first, "repository.pullRequest.commits") as Page;
    const id = at(first, "repository.pullRequest.id");
    const oids = page.nodes.map((n) => n.commit.oid);
    while (page.pageInfo.hasNextPage) {
      const next = await ask(
        `query($id: ID!, $after: String) { node(id: $id) { ... on PullRequest {
          commits(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { commit { oid } } } } } }`,
        { id, after: page.pageInfo.endCursor },
      );
      page = at(next, "node.commits") as Page;
      oids.push(...page.nodes.map((n) => n.commit.oid));
    }
    expect(oids).toEqual(
      sim.org
        .detailsOf(pull)
        .commits()
        .map((c) => c.sha),
    );
  });

  it("serves the ready-for-review timeline and the head commit's latest check runs", async () => {
    const pull = sim.org
      .pulls("api")
      .find((p) => p.openedAsDraft && p.draftEvents.length > 0 && p.mergedAt !== null);
    if (!pull) throw new Error("no merged PR that was a draft");
    const reply = await ask(
      `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) {
        timelineItems(first: 10, itemTypes: [READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]) {
          nodes { __typename ... on ReadyForReviewEvent { createdAt } ... on ConvertToDraftEvent { createdAt } } }
        commits(last: 1) { nodes { commit { oid checkSuites(first: 10) { nodes {
          all: checkRuns(first: 100) { totalCount }
          latest: checkRuns(first: 100, filterBy: { checkType: LATEST }) { nodes { name } } } } } } } } } }`,
      { n: pull.number },
    );
    expect(reply.errors).toBeUndefined();
    const timeline = at(reply, "repository.pullRequest.timelineItems.nodes") as Array<{ __typename: string }>;
    expect(timeline.map((n) => n.__typename)).toEqual(
      pull.draftEvents.map((e) => (e.kind === "ready" ? "ReadyForReviewEvent" : "ConvertToDraftEvent")),
    );
    type Suites = {
      nodes: Array<{ all: { totalCount: number }; latest: { nodes: Array<{ name: string }> } }>;
    };
    const head = (
      at(reply, "repository.pullRequest.commits.nodes") as Array<{
        commit: { oid: string; checkSuites: Suites };
      }>
    )[0];
    expect(head.commit.oid).toBe(pull.headSha);
    const runs = sim.org.detailsOf(pull).checkRuns();
    const suites = head.commit.checkSuites.nodes;
    expect(suites.reduce((sum, s) => sum + s.all.totalCount, 0)).toBe(runs.length);
    const latestNames = suites.flatMap((s) => s.latest.nodes.map((n) => n.name));
    expect(latestNames.sort()).toEqual([...new Set(runs.map((r) => r.name))].sort());
  });

  it("answers NOT_FOUND for an unknown repository, and names a field it does not serve", async () => {
    const missing = await ask(`{ repository(owner: "acme", name: "nope") { id } }`);
    expect(missing).toMatchObject({ data: { repository: null }, errors: [{ type: "NOT_FOUND" }] });
    const unserved = await ask(
      `{ repository(owner: "acme", name: "web") { pullRequest(number: 1) { reactionGroups { content } } } }`,
    );
    expect(unserved.errors?.[0].message).toMatch(/does not serve PullRequest.reactionGroups/);
  });
});
