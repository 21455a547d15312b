import type { FetchedPullRequest } from "../../github/index.js";
import type { CommentKind } from "../../records/types.js";
import { isLiveComment, LIVE_COMMENTS } from "../../storage/models/comment.js";
import type { Store } from "../../storage/store.js";
import { upsertAll, upsertNewer, type Stored } from "./bulk-upsert.js";

const installationOf = (items: readonly FetchedPullRequest[]) => items[0].pr.installationId;
const byId = <T>(docs: T[], id: (doc: T) => string | number, stored: (doc: T) => Stored) =>
  new Map(docs.map((doc) => [String(id(doc)), stored(doc)]));

async function upsertReviews(store: Store, items: readonly FetchedPullRequest[]) {
  const reviews = items.flatMap((item) => item.reviews);
  if (reviews.length === 0) return;
  const existing = await store.reviews
    .find(
      { installationId: installationOf(items), reviewId: { $in: reviews.map((r) => r.reviewId) } },
      { reviewId: 1, submittedAt: 1, state: 1 },
    )
    .lean();
  const dismissed = new Set(existing.filter((r) => r.state === "DISMISSED").map((r) => r.reviewId));
  const versions = byId(
    existing,
    (r) => r.reviewId,
    (r) => ({ version: r.submittedAt, guarded: false, id: r._id }),
  );
  await upsertNewer(
    store.reviews,
    reviews.map((review) => ({
      key: { installationId: review.installationId, reviewId: review.reviewId },
      update: { $set: review },
      versionField: "submittedAt",
      version: review.submittedAt,
      // A dismissal is final on GitHub, as webhooks' saveReview keeps it.
      guard: review.state === "DISMISSED" ? {} : { state: { $ne: "DISMISSED" } },
    })),
    (op) => {
      const id = Number(op.key.reviewId);
      const found = versions.get(String(id));
      return found && { ...found, guarded: dismissed.has(id) && op.guard?.state !== undefined };
    },
    { rewriteEqual: false },
  );
}

async function upsertComments(store: Store, items: readonly FetchedPullRequest[]) {
  const comments = items.flatMap((item) => item.comments);
  if (comments.length === 0) return;
  // One query per kind: an equality prefix lets the server use the unique index, where `$in` on both
  // kind and commentId made the embedded server scan every comment of the installation.
  const kinds = [...new Set(comments.map((c) => c.kind))];
  const existing = (
    await Promise.all(
      kinds.map((kind) =>
        store.comments
          .find(
            {
              installationId: installationOf(items),
              kind,
              commentId: { $in: comments.filter((c) => c.kind === kind).map((c) => c.commentId) },
            },
            { kind: 1, commentId: 1, updatedAt: 1, deletedAt: 1 },
          )
          .lean(),
      ),
    )
  ).flat();
  // A tombstone refuses the page's copy: the page may have been fetched before the deletion. One
  // written between this read and the insert below only has its fields rewritten (`deletedAt` is in no
  // `$set`), so it stays deleted.
  const versions = byId(
    existing,
    (c) => `${c.kind}:${c.commentId}`,
    (c) => ({ version: c.updatedAt, guarded: c.deletedAt != null, id: c._id }),
  );
  await upsertNewer(
    store.comments,
    comments.map((comment) => ({
      key: { installationId: comment.installationId, kind: comment.kind, commentId: comment.commentId },
      update: { $set: comment },
      versionField: "updatedAt",
      version: comment.updatedAt,
      guard: LIVE_COMMENTS,
    })),
    (op) => versions.get(`${String(op.key.kind)}:${String(op.key.commentId)}`),
    { rewriteEqual: false },
  );
}

async function upsertCheckRuns(store: Store, items: readonly FetchedPullRequest[]) {
  const runs = items.flatMap((item) => item.checkRuns);
  if (runs.length === 0) return;
  const existing = await store.checkRuns
    .find(
      { installationId: installationOf(items), checkRunId: { $in: runs.map((r) => r.checkRunId) } },
      { checkRunId: 1, completedAt: 1 },
    )
    .lean();
  const versions = byId(
    existing,
    (r) => r.checkRunId,
    (r) => ({ version: r.completedAt, guarded: false, id: r._id }),
  );
  await upsertNewer(
    store.checkRuns,
    runs.map(({ prNumbers, ...run }) => ({
      key: { installationId: run.installationId, checkRunId: run.checkRunId },
      // One head commit can be the head of several PRs: add this PR, keep the others.
      update: { $set: run, $addToSet: { prNumbers: { $each: prNumbers } } },
      versionField: "completedAt",
      version: run.completedAt,
    })),
    (op) => versions.get(String(op.key.checkRunId)),
    { rewriteEqual: false },
  );
}

/**
 * A page's reviews, comments, commits, files and head check runs: a read and a bulk write or two per
 * collection. Records are keyed by GitHub's ids and versioned like webhooks' (a newer delivery is kept);
 * records stored at the same version are not rewritten.
 */
export async function upsertRelatedRecords(
  store: Store,
  items: readonly FetchedPullRequest[],
): Promise<void> {
  if (items.length === 0) return;
  // One collection at a time: concurrent bulk writes were slower on the embedded server.
  await upsertReviews(store, items);
  await upsertComments(store, items);
  await upsertCheckRuns(store, items);
  await upsertAll(
    store.commits,
    items.flatMap((item) =>
      item.commits.map((commit) => ({
        filter: {
          installationId: commit.installationId,
          repoId: commit.repoId,
          prNumber: commit.prNumber,
          sha: commit.sha,
        },
        update: { $set: commit },
      })),
    ),
  );
  await upsertAll(
    store.changedFiles,
    items.flatMap((item) =>
      item.files.map((file) => ({
        filter: {
          installationId: file.installationId,
          repoId: file.repoId,
          prNumber: file.prNumber,
          filename: file.filename,
        },
        update: { $set: file },
      })),
    ),
  );
}

/** A list cut short (GitHub's caps, paging that stopped) may not be used to delete what it lacks. */
const complete = (item: FetchedPullRequest, lists: readonly string[]) =>
  !item.notes.some((note) => lists.some((list) => note.startsWith(`${list}:`)));

const COMMENT_LISTS: Record<CommentKind, string[]> = {
  issue: ["conversation comments"],
  review: ["review threads", "review comments"],
};

/**
 * Deletes what GitHub no longer lists for these PRs: commits rewritten by a force-push, files no longer
 * changed, deleted comments. Call only for PRs whose fetched state is the newest stored. A comment newer
 * than the fetched PR may have arrived by webhook since, so only older ones are deleted.
 */
export async function deleteVanishedRecords(
  store: Store,
  items: readonly FetchedPullRequest[],
): Promise<void> {
  if (items.length === 0) return;
  const { installationId, repoId } = items[0].pr;
  const scope = { installationId, repoId, prNumber: { $in: items.map((item) => item.pr.number) } };
  const [commits, files, comments] = await Promise.all([
    store.commits.find(scope, { prNumber: 1, sha: 1 }).lean(),
    store.changedFiles.find(scope, { prNumber: 1, filename: 1 }).lean(),
    // Tombstones stay: they are what keeps a deleted comment deleted.
    store.comments
      .find(scope, { prNumber: 1, kind: 1, commentId: 1, createdAt: 1, deletedAt: 1 })
      .lean()
      .then((found) => found.filter(isLiveComment)),
  ]);
  const fetched = new Map(
    items.map((item) => [
      item.pr.number,
      {
        item,
        keys: new Set([
          ...item.commits.map((commit) => `commit:${commit.sha}`),
          ...item.files.map((file) => `file:${file.filename}`),
          ...item.comments.map((comment) => `${comment.kind}:${comment.commentId}`),
        ]),
      },
    ]),
  );
  /** Stored for a fetched PR whose list is complete, yet not in that list. */
  const gone = (prNumber: number, key: string, lists: readonly string[]) => {
    const pr = fetched.get(prNumber);
    return pr !== undefined && complete(pr.item, lists) && !pr.keys.has(key);
  };
  const ids = (docs: Array<{ _id: unknown }>) => ({ _id: { $in: docs.map((doc) => doc._id) } });
  const goneCommits = commits.filter((doc) => gone(doc.prNumber, `commit:${doc.sha}`, ["commits"]));
  const goneFiles = files.filter((doc) => gone(doc.prNumber, `file:${doc.filename}`, ["files"]));
  const goneComments = comments.filter(
    (doc) =>
      gone(doc.prNumber, `${doc.kind}:${doc.commentId}`, COMMENT_LISTS[doc.kind]) &&
      doc.createdAt <= (fetched.get(doc.prNumber)?.item.pr.updatedAt ?? doc.createdAt),
  );
  if (goneCommits.length > 0) await store.commits.deleteMany(ids(goneCommits));
  if (goneFiles.length > 0) await store.changedFiles.deleteMany(ids(goneFiles));
  if (goneComments.length > 0) await store.comments.deleteMany(ids(goneComments));
}
