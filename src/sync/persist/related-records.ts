import type { FetchedPullRequest } from "../../github/index.js";
import type { CommentKind } from "../../records/types.js";
import { isLiveComment } from "../../storage/models/comment.js";
import type { Store } from "../../storage/store.js";
import {
  writeChangedFiles,
  writeCheckRuns,
  writeComments,
  writeCommits,
  writeReviews,
} from "../../storage/write/related-records.js";

/**
 * A page's reviews, comments, commits, files and head check runs, through the storage layer's write
 * policy: a read and a bulk write or two per collection. Records stored at the same version are not
 * rewritten.
 */
export async function upsertRelatedRecords(
  store: Store,
  items: readonly FetchedPullRequest[],
): Promise<void> {
  if (items.length === 0) return;
  const options = { rewriteEqual: false };
  // One collection at a time: concurrent bulk writes were slower on the embedded server.
  await writeReviews(
    store,
    items.flatMap((item) => item.reviews),
    options,
  );
  await writeComments(
    store,
    items.flatMap((item) => item.comments),
    options,
  );
  await writeCheckRuns(
    store,
    items.flatMap((item) => item.checkRuns),
    options,
  );
  await writeCommits(
    store,
    items.flatMap((item) => item.commits),
  );
  await writeChangedFiles(
    store,
    items.flatMap((item) => item.files),
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
