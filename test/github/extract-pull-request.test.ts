import { extractPullRequest } from "../../src/github/extract-pull-request.js";
import { pullRequestNodeSchema } from "../../src/github/schemas/pull-request-node.js";
import { connection, many, pullRequestNode, type Json } from "./helpers/graphql.js";

const context = { installationId: 1, repoId: 1296269, repo: "octocat/Hello-World" };
const extract = (changes: Json = {}) =>
  extractPullRequest(pullRequestNodeSchema.parse(pullRequestNode(changes)), context);
const event = (__typename: string, createdAt: string) => ({ __typename, createdAt });

describe("extractPullRequest", () => {
  test("maps GitHub's example pull request to records", () => {
    const fetched = extract();
    expect(fetched.pr).toMatchObject({
      ...context,
      prId: 1347,
      number: 1347,
      nodeId: "MDExOlB1bGxSZXF1ZXN0MTM0Nw==",
      author: { login: "octocat", id: 1, type: "User" },
      state: "merged",
      headSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
      mergeCommitSha: "e5bd3914e2e596debea16f433f57875b5b90bcd6",
      labels: ["bug"],
      assignees: ["octocat"],
      milestone: "v1.0",
      linkedIssues: ["octocat/Hello-World#1346"],
      mergedAt: new Date("2011-01-26T19:01:12Z"),
    });
    expect(fetched.reviews).toEqual([
      expect.objectContaining({
        reviewId: 80,
        state: "APPROVED",
        prNumber: 1347,
        author: { login: "hubot", id: 2, type: "User" },
      }),
    ]);
    expect(fetched.commits).toEqual([
      expect.objectContaining({
        sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
        authorLogin: "octocat",
        authorEmail: "support@github.com",
      }),
    ]);
    expect(fetched.files).toEqual([
      expect.objectContaining({ filename: "file1.txt", status: "added", additions: 100 }),
    ]);
    expect(fetched.checkRuns).toEqual([
      expect.objectContaining({
        checkRunId: 4,
        checkSuiteId: 5,
        status: "completed",
        conclusion: "neutral",
        appSlug: "octoapp",
        prNumbers: [1347],
      }),
    ]);
    expect(fetched.comments.map(({ kind, commentId }) => [kind, commentId])).toEqual([
      ["issue", 1],
      ["review", 10],
    ]);
    expect(fetched.notes).toEqual([]);
  });

  test("gives a GraphQL Bot login REST's [bot] suffix and a deleted author GitHub's ghost", () => {
    const fetched = extract({ author: null });
    expect(fetched.comments[0]?.author).toEqual({ login: "dependabot[bot]", id: 49699333, type: "Bot" });
    expect(fetched.pr.author).toEqual({ login: "ghost", id: null, type: null });
  });

  test.each([
    [
      "opened as a draft, then ready",
      false,
      [event("ReadyForReviewEvent", "2011-01-26T19:05:00Z")],
      true,
      "2011-01-26T19:05:00Z",
    ],
    [
      "opened ready, drafted, ready again",
      false,
      [
        event("ConvertToDraftEvent", "2011-01-26T19:03:00Z"),
        event("ReadyForReviewEvent", "2011-01-26T19:05:00Z"),
      ],
      false,
      "2011-01-26T19:05:00Z",
    ],
    ["still a draft", true, [], true, null],
    ["never a draft", false, [], false, null],
  ])("draft history: %s", (_case, isDraft, nodes, openedAsDraft, readyAt) => {
    const { draft } = extract({ isDraft, timelineItems: { nodes } });
    expect(draft).toEqual({
      openedAsDraft,
      firstReadyForReviewAt: readyAt === null ? null : new Date(readyAt),
    });
  });

  test("notes GitHub's 250-commit cap and a file list cut short", () => {
    const commits = pullRequestNode().commits as Json;
    const commit = (commits.nodes as Json[])[0] as Json;
    const fetched = extract({
      commits: connection(
        many(commit, "commit", 250, (i) => ({ ...(commit.commit as Json), oid: `sha${i}` })),
        "c250",
        false,
        300,
      ),
      changedFiles: 4000,
      files: connection(
        many({ path: "", changeType: "MODIFIED", additions: 1, deletions: 0 }, "path", 3000, (i) => `f${i}`),
        "f",
        false,
        4000,
      ),
    });
    expect(fetched.commits).toHaveLength(250);
    expect(fetched.files[0]?.status).toBe("modified");
    expect(fetched.notes).toEqual([
      "commits: GitHub lists at most 250 (this pull request has 300)",
      "files: GitHub lists at most 3,000 (this pull request changes 4,000)",
    ]);
  });

  test("notes a nested list that could not be finished", () => {
    const reviews = pullRequestNode().reviews as Json;
    expect(
      extract({ reviews: { ...reviews, pageInfo: { hasNextPage: true, endCursor: "r1" } } }).notes,
    ).toEqual(["reviews: incomplete, GitHub stopped paging"]);
  });
});
