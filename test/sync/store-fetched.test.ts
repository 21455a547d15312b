import type { PullRequestRecord } from "../../src/records/types.js";
import type { FetchedPullRequest } from "../../src/github/index.js";
import { DEFAULT_REPO_CONFIG } from "../../src/metrics/repo-config.js";
import { storeFetchedPullRequests } from "../../src/sync/persist/store-fetched.js";
import { writePullRequests } from "../../src/storage/write/pull-requests.js";
import { recordAccess } from "../../src/storage/write/access.js";
import { removeRepositories } from "../../src/storage/write/installations.js";
import { tombstoneComments, writeComments } from "../../src/storage/write/related-records.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import {
  checkRunRecord,
  commentRecord,
  commitRecord,
  pullRequestRecord,
  REPO,
  reviewRecord,
} from "../harness/factories.js";

const db = useTestDatabase();
beforeEach(() => clearStore(db.store()));

const at = (iso: string) => new Date(`2025-06-${iso}Z`);

/**
 * A fetched PR #n with `shas` as commits, `files`, one review, one check run and `comments` (issue ids).
 * Ids follow `n` (review 700+n, check run 800+n), and the dates make a PR opened as a draft, ready at
 * 01T12 and first reviewed at 02T09: the tests assert on these.
 */
function fetched(
  number: number,
  updatedAt: Date,
  lists: { shas?: string[]; files?: string[]; comments?: number[]; notes?: string[] } = {},
): FetchedPullRequest {
  const { shas = ["a1", "a2"], files = ["src/a.ts"], comments = [500 + number], notes = [] } = lists;
  const headSha = shas.at(-1) ?? "none";
  const prNumber = number;
  return {
    pr: pullRequestRecord({
      prId: 9000 + number,
      number,
      nodeId: `PR_${number}`,
      title: `PR ${number}`,
      createdAt: at("01T10:00:00"),
      updatedAt,
      headSha,
      changedFiles: files.length,
    }),
    draft: { openedAsDraft: true, firstReadyForReviewAt: at("01T12:00:00") },
    reviews: [
      reviewRecord({ prNumber, reviewId: 700 + number, submittedAt: at("02T09:00:00"), commitId: headSha }),
    ],
    commits: shas.map((sha) =>
      commitRecord({ prNumber, sha, authoredAt: at("01T11:00:00"), committedAt: at("01T11:00:00") }),
    ),
    files: files.map((filename) => ({
      ...REPO,
      prNumber,
      filename,
      status: "modified",
      additions: 1,
      deletions: 0,
    })),
    checkRuns: [
      checkRunRecord({
        checkRunId: 800 + number,
        headSha,
        startedAt: at("01T11:05:00"),
        completedAt: at("01T11:09:00"),
        prNumbers: [prNumber],
      }),
    ],
    comments: comments.map((commentId) =>
      commentRecord({ prNumber, commentId, createdAt: at("01T13:00:00") }),
    ),
    notes,
  };
}

const store = (items: FetchedPullRequest[]) =>
  storeFetchedPullRequests(db.store(), items, DEFAULT_REPO_CONFIG);
const pr = (number: number) =>
  db
    .store()
    .pullRequests.findOne({ ...REPO, number })
    .lean();
const shasOf = async (prNumber: number) =>
  (
    await db
      .store()
      .commits.find({ ...REPO, prNumber })
      .lean()
  )
    .map((commit) => commit.sha)
    .sort();

/** A PR as a webhook batch stores it. */
const asDelivered = (record: PullRequestRecord) =>
  writePullRequests(db.store(), record, [{ record }], { rewriteEqual: true });

describe("storeFetchedPullRequests", () => {
  it("stores a page of PRs with their records, draft history, notes and derived fields", async () => {
    const outcome = await store([
      fetched(1, at("03T00:00:00")),
      fetched(2, at("03T00:00:00"), { notes: ["x: y"] }),
    ]);

    expect(outcome).toEqual({ written: [1, 2], stale: [], removed: false });
    expect(await pr(1)).toMatchObject({
      dataComplete: true,
      dataNotes: [],
      openedAsDraft: true,
      firstReadyForReviewAt: at("01T12:00:00"),
      readyAt: at("01T12:00:00"),
      firstReviewAt: at("02T09:00:00"),
      firstApprovalAt: at("02T09:00:00"),
    });
    expect((await pr(2))?.dataNotes).toEqual(["x: y"]);
    const s = db.store();
    expect(await s.commits.countDocuments()).toBe(4);
    expect(await s.reviews.countDocuments()).toBe(2);
    expect(await s.checkRuns.countDocuments()).toBe(2);
    expect(await s.comments.countDocuments()).toBe(2);
    expect(await s.changedFiles.countDocuments()).toBe(2);
  });

  it("is idempotent", async () => {
    await store([fetched(1, at("03T00:00:00"))]);
    await store([fetched(1, at("03T00:00:00"))]);
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
    expect(await db.store().commits.countDocuments()).toBe(2);
    expect(await db.store().comments.countDocuments()).toBe(1);
  });

  it("deletes commits a force-push rewrote, files no longer changed and deleted comments", async () => {
    await store([
      fetched(1, at("03T00:00:00"), { shas: ["a1", "a2"], files: ["a.ts", "b.ts"], comments: [501, 502] }),
    ]);
    await store([fetched(1, at("04T00:00:00"), { shas: ["b1"], files: ["a.ts"], comments: [502] })]);

    expect(await shasOf(1)).toEqual(["b1"]);
    expect((await db.store().changedFiles.find().lean()).map((file) => file.filename)).toEqual(["a.ts"]);
    expect((await db.store().comments.find().lean()).map((comment) => comment.commentId)).toEqual([502]);
    expect(await pr(1)).toMatchObject({ headSha: "b1" });
  });

  it("keeps a list GitHub cut short instead of deleting what it lacks", async () => {
    await store([fetched(1, at("03T00:00:00"), { shas: ["a1", "a2"] })]);
    await store([fetched(1, at("04T00:00:00"), { shas: ["a2"], notes: ["commits: 1 of 2 fetched"] })]);
    expect(await shasOf(1)).toEqual(["a1", "a2"]);
  });

  it("never overwrites a PR a webhook stored newer, but merges the records and the draft history", async () => {
    const webhook = fetched(1, at("05T00:00:00")).pr;
    await asDelivered({ ...webhook, title: "from the webhook" });
    const older = fetched(1, at("04T00:00:00"), { shas: ["c1"] });

    const outcome = await store([older]);

    expect(outcome).toEqual({ written: [], stale: [1], removed: false });
    expect(await pr(1)).toMatchObject({
      title: "from the webhook",
      updatedAt: at("05T00:00:00"),
      dataComplete: false,
      openedAsDraft: true,
      firstReadyForReviewAt: at("01T12:00:00"),
      firstReviewAt: at("02T09:00:00"),
    });
    expect(await shasOf(1)).toEqual(["c1"]);
  });

  it("lets a fetched PR as new as the stored one win", async () => {
    const same = at("05T00:00:00");
    await asDelivered({ ...fetched(1, same).pr, title: "from the webhook" });
    expect(await store([fetched(1, same)])).toEqual({ written: [1], stale: [], removed: false });
    expect(await pr(1)).toMatchObject({ title: "PR 1", dataComplete: true });
  });

  it("keeps a comment a webhook stored after the fetched state, and the other PRs of a shared head commit", async () => {
    await store([fetched(1, at("03T00:00:00"), { comments: [] })]);
    await db
      .store()
      .comments.create(commentRecord({ prNumber: 1, commentId: 999, createdAt: at("06T00:00:00") }));
    await db.store().checkRuns.updateOne({ checkRunId: 801 }, { $set: { prNumbers: [1, 7] } });

    await store([fetched(1, at("04T00:00:00"), { comments: [] })]);

    expect(await db.store().comments.countDocuments({ commentId: 999 })).toBe(1);
    expect((await db.store().checkRuns.findOne({ checkRunId: 801 }).lean())?.prNumbers).toEqual([1, 7]);
  });

  it("never brings back a comment deleted after the page was fetched, nor lets its late edit in", async () => {
    const page = fetched(1, at("03T00:00:00"), { comments: [501, 502] });
    const [deleted] = page.comments;
    await tombstoneComments(db.store(), [deleted]);

    await store([page]);
    const live = async () =>
      (await db.store().comments.find({ deletedAt: null }).lean()).map((comment) => comment.commentId);
    expect(await live()).toEqual([502]);
    expect(await pr(1)).toMatchObject({ metrics: expect.objectContaining({ issueCommentsCount: 1 }) });

    // A later page no longer lists it; an edit delivered late must still find it deleted.
    await store([fetched(1, at("04T00:00:00"), { comments: [502] })]);
    await writeComments(db.store(), [{ ...deleted, updatedAt: at("03T12:00:00") }], { rewriteEqual: true });
    expect(await live()).toEqual([502]);
  });

  it("stores nothing of a repository removed from the app after its page was fetched", async () => {
    await store([fetched(1, at("03T00:00:00"))]);
    await recordAccess(db.store(), REPO, true, null);
    await removeRepositories(db.store(), REPO.installationId, [REPO.repoId]);

    expect(await store([fetched(2, at("04T00:00:00"))])).toEqual({ written: [], stale: [], removed: true });
    const s = db.store();
    const counts = await Promise.all([s.pullRequests, s.commits, s.comments].map((m) => m.countDocuments()));
    expect(counts).toEqual([0, 0, 0]);
  });

  it("stores PRs under the repository's stored name, which a rename may have changed since the fetch", async () => {
    await db.store().repositories.create({ ...REPO, fullName: "acme/website" });
    await store([fetched(1, at("03T00:00:00"))]);
    expect(await pr(1)).toMatchObject({ repo: "acme/website" });
  });

  it("refuses PRs of different repositories in one call", async () => {
    const other = fetched(2, at("03T00:00:00"));
    other.pr.repoId = 11;
    await expect(store([fetched(1, at("03T00:00:00")), other])).rejects.toThrow(/one repository/);
  });
});
