import type { FetchedPullRequest } from "../../src/github/index.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { storeFetchedPullRequests } from "../../src/sync/persist/store-fetched.js";
import { tombstoneComments } from "../../src/storage/write/related-records.js";
import {
  checkRunRecord,
  commentRecord,
  commitRecord,
  pullRequestRecord,
  REPO,
  reviewRecord,
} from "../harness/factories.js";
import { isPointWrite, useMonitoredDatabase } from "../harness/query-plans.js";

/**
 * Every read and write the sync makes while storing a page must find its documents through an index.
 * One that scans costs a pass over the whole collection per page, so a backfill slows as the repository grows: a query shape the
 * embedded server could not plan on an index once made 3,000-PR backfills crawl at 1 PR/s.
 */
const db = useMonitoredDatabase();

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

test("storing a page, then the same page updated, finds and writes only through indexes", async () => {
  const first = [1, 2, 3].map((n) => fetched(n, new Date("2026-03-02T10:00:00Z")));
  await storeFetchedPullRequests(db.store(), first, DEFAULT_REPO_CONFIG);
  // A tombstone and newer versions take the paths that compare with what is stored.
  await tombstoneComments(db.store(), [
    { ...first[0].comments[0], updatedAt: new Date("2026-03-03T10:00:00Z") },
  ]);
  const second = [1, 2, 3].map((n) => fetched(n, new Date("2026-03-04T10:00:00Z")));
  await storeFetchedPullRequests(db.store(), second, DEFAULT_REPO_CONFIG);

  const collections = new Set(db.sent.map((one) => one.collection));
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
  expect(await db.collectionScans(db.sent.filter((one) => one.kind === "find"))).toEqual([]);
  const writes = db.sent.filter((one) => one.kind === "update");
  expect(writes.some((one) => Object.keys(one.filter)[0] === "_id")).toBe(true);
  expect(writes.filter((one) => !isPointWrite(one)).map((one) => JSON.stringify(one.filter))).toEqual([]);
});

test("the check itself sees a scan: a filter on a field outside every index", async () => {
  expect(
    await db.collectionScans([{ kind: "find", collection: "comments", filter: { deletedAt: null } }]),
  ).toHaveLength(1);
  const conditions = { updatedAt: { $not: { $gt: new Date() } } };
  expect(isPointWrite({ kind: "update", collection: "comments", filter: { ...REPO, ...conditions } })).toBe(
    false,
  );
});
