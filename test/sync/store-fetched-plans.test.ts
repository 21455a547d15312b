import type { CommandStartedEvent, Document } from "mongodb";
import type { Connection } from "mongoose";
import type { FetchedPullRequest } from "../../src/github/index.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { connectDatabase } from "../../src/storage/connect.js";
import { createStore, syncIndexes, type Store } from "../../src/storage/store.js";
import { storeFetchedPullRequests } from "../../src/sync/persist/store-fetched.js";
import { deleteComment } from "../../src/webhooks/persist/records.js";
import {
  checkRunRecord,
  commentRecord,
  commitRecord,
  pullRequestRecord,
  REPO,
  reviewRecord,
} from "../harness/factories.js";
import { testMongoUri } from "../harness/database.js";

/**
 * Every read the sync makes while storing a page must ride an index. A read that scans costs a pass
 * over the whole collection per page, so a backfill slows as the repository grows: a query shape the
 * embedded server could not plan on an index once made 3,000-PR backfills crawl at 1 PR/s.
 */
const dbName = `test_plans_${Date.now()}`;
let connection: Connection;
let store: Store;
const reads: Array<{ collection: string; filter: Document }> = [];

beforeAll(async () => {
  connection = await connectDatabase(testMongoUri(), dbName, { monitorCommands: true });
  store = createStore(connection);
  await syncIndexes(store);
  connection.getClient().on("commandStarted", (event: CommandStartedEvent) => {
    if (event.commandName === "find") {
      reads.push({ collection: String(event.command.find), filter: event.command.filter as Document });
    }
  });
});

afterAll(async () => {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

function fetched(number: number, updatedAt: Date): FetchedPullRequest {
  const prNumber = number;
  const headSha = `head${number}`;
  return {
    pr: pullRequestRecord({ number, prId: 1000 + number, headSha, updatedAt }),
    draft: { openedAsDraft: false, firstReadyForReviewAt: null },
    reviews: [reviewRecord({ prNumber, reviewId: 2000 + number, submittedAt: updatedAt })],
    commits: [commitRecord({ prNumber, sha: headSha })],
    files: [{ ...REPO, prNumber, filename: "src/a.ts", status: "modified", additions: 1, deletions: 0 }],
    checkRuns: [checkRunRecord({ checkRunId: 3000 + number, headSha, prNumbers: [number] })],
    comments: [
      commentRecord({ prNumber, kind: "issue", commentId: 4000 + number, updatedAt }),
      commentRecord({ prNumber, kind: "review", commentId: 5000 + number, updatedAt }),
    ],
    notes: [],
  };
}

/** The winning plan of `filter`, as the server explains it. */
async function planOf(collection: string, filter: Document): Promise<string> {
  const explained = await connection.db!.collection(collection).find(filter).explain("queryPlanner");
  return JSON.stringify((explained.queryPlanner as Document).winningPlan);
}

test("storing a page, then the same page updated, reads only through indexes", async () => {
  const first = [1, 2, 3].map((n) => fetched(n, new Date("2026-03-02T10:00:00Z")));
  await storeFetchedPullRequests(store, first, DEFAULT_REPO_CONFIG);
  // A tombstone and newer versions take the paths that compare with what is stored.
  await deleteComment(store, { ...first[0].comments[0], updatedAt: new Date("2026-03-03T10:00:00Z") });
  const second = [1, 2, 3].map((n) => fetched(n, new Date("2026-03-04T10:00:00Z")));
  await storeFetchedPullRequests(store, second, DEFAULT_REPO_CONFIG);

  const collections = new Set(reads.map((read) => read.collection));
  expect([...collections].sort()).toEqual(
    expect.arrayContaining([
      "changed_files",
      "check_runs",
      "comments",
      "commits",
      "pull_requests",
      "reviews",
    ]),
  );
  const scans: string[] = [];
  for (const read of reads) {
    if ((await planOf(read.collection, read.filter)).includes("COLLSCAN")) {
      scans.push(`${read.collection} ${JSON.stringify(read.filter)}`);
    }
  }
  expect(scans).toEqual([]);
});

test("the check itself sees a scan: a filter on a field outside every index", async () => {
  expect(await planOf("comments", { deletedAt: null })).toContain("COLLSCAN");
});
