import type {
  ChangedFileRecord,
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  ReviewRecord,
} from "../../records/types.js";
import { LIVE_COMMENTS } from "../models/comment.js";
import type { Store } from "../store.js";
import { upsertAll, upsertNewer, type Stored } from "./bulk-upsert.js";
import { unchangedFields } from "./unchanged-fields.js";

/**
 * The one write policy for a PR's related records, whoever brings them (a webhook batch or a sync
 * page): keyed by GitHub's ids, versioned by GitHub's timestamps so a newer record is never
 * overwritten, a dismissal and a deletion final. Each kind costs a read and a bulk write or two. The
 * read takes whole records, so one re-sent exactly as stored is not written again.
 */
export interface WriteOptions {
  /**
   * Rewrite a record stored at the same version: webhooks do (the later arrival of equal versions
   * wins, e.g. a dismissal keeps the review's `submitted_at`); a sync page need not.
   */
  rewriteEqual: boolean;
}

const byId = <T>(docs: T[], id: (doc: T) => string | number, stored: (doc: T) => Stored) =>
  new Map(docs.map((doc) => [String(id(doc)), stored(doc)]));

const DISMISSED = "DISMISSED";

export async function writeReviews(store: Store, reviews: readonly ReviewRecord[], options: WriteOptions) {
  if (reviews.length === 0) return;
  const existing = await store.reviews
    .find({ installationId: reviews[0].installationId, reviewId: { $in: reviews.map((r) => r.reviewId) } })
    .lean();
  const dismissed = new Set(existing.filter((r) => r.state === DISMISSED).map((r) => r.reviewId));
  const versions = byId(
    existing,
    (r) => r.reviewId,
    (r) => ({ version: r.submittedAt, guarded: false, id: r._id, document: r }),
  );
  await upsertNewer(
    store.reviews,
    reviews.map((review) => ({
      key: { installationId: review.installationId, reviewId: review.reviewId },
      update: { $set: review },
      versionField: "submittedAt",
      version: review.submittedAt,
      // A dismissal is final on GitHub: no later copy of the review may turn it back.
      guard: review.state === DISMISSED ? {} : { state: { $ne: DISMISSED } },
    })),
    (op) => {
      const id = Number(op.key.reviewId);
      const found = versions.get(String(id));
      return found && { ...found, guarded: dismissed.has(id) && op.guard?.state !== undefined };
    },
    options,
  );
}

/** Comments stored by kind: an equality prefix keeps the read on the unique index. */
async function storedComments(store: Store, comments: readonly CommentRecord[]) {
  const kinds = [...new Set(comments.map((c) => c.kind))];
  const found = await Promise.all(
    kinds.map((kind) =>
      store.comments
        .find({
          installationId: comments[0].installationId,
          kind,
          commentId: { $in: comments.filter((c) => c.kind === kind).map((c) => c.commentId) },
        })
        .lean(),
    ),
  );
  return found.flat();
}

/**
 * A tombstone refuses every copy: a copy may have been fetched or sent before the deletion. One
 * written between the read and the insert only has its fields rewritten (`deletedAt` is in no `$set`).
 */
export async function writeComments(store: Store, comments: readonly CommentRecord[], options: WriteOptions) {
  if (comments.length === 0) return;
  const existing = await storedComments(store, comments);
  const versions = byId(
    existing,
    (c) => `${c.kind}:${c.commentId}`,
    (c) => ({ version: c.updatedAt, guarded: c.deletedAt != null, id: c._id, document: c }),
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
    options,
  );
}

/** Leaves tombstones (see the comment model), whatever version is stored: a deletion is final. */
export async function tombstoneComments(store: Store, comments: readonly CommentRecord[], now = new Date()) {
  await upsertAll(
    store.comments,
    comments.map((comment) => ({
      filter: { installationId: comment.installationId, kind: comment.kind, commentId: comment.commentId },
      update: { $set: { ...comment, deletedAt: now } },
    })),
  );
}

export async function writeCheckRuns(store: Store, runs: readonly CheckRunRecord[], options: WriteOptions) {
  if (runs.length === 0) return;
  const existing = await store.checkRuns
    .find({ installationId: runs[0].installationId, checkRunId: { $in: runs.map((r) => r.checkRunId) } })
    .lean();
  const versions = byId(
    existing,
    (r) => r.checkRunId,
    (r) => ({ version: r.completedAt, guarded: false, id: r._id, document: r }),
  );
  await upsertNewer(
    store.checkRuns,
    runs.map(({ prNumbers, ...run }) => ({
      key: { installationId: run.installationId, checkRunId: run.checkRunId },
      // One head commit can be the head of several PRs: add these, keep the others.
      update: { $set: run, $addToSet: { prNumbers: { $each: prNumbers } } },
      versionField: "completedAt",
      version: run.completedAt,
    })),
    (op) => versions.get(String(op.key.checkRunId)),
    options,
  );
}

type PrScoped = Pick<CommitRecord, "installationId" | "repoId" | "prNumber">;
type PrScopedFilter = Pick<CommitRecord, "installationId" | "repoId"> & { prNumber: { $in: number[] } };

/**
 * The records not stored exactly as they are, by one read per repository on its unique index. A
 * completion fetches a PR's whole lists again, most of it unchanged, and an update rewrites every
 * index entry of its document: a read is far cheaper on the embedded server.
 */
async function notStoredAsIs<T extends PrScoped>(
  records: readonly T[],
  read: (filter: PrScopedFilter) => Promise<object[]>,
  keyOf: (record: T) => string,
): Promise<T[]> {
  const byRepository = new Map<string, T[]>();
  for (const record of records) {
    const scope = `${record.installationId}:${record.repoId}`;
    byRepository.set(scope, [...(byRepository.get(scope) ?? []), record]);
  }
  const changed: T[] = [];
  for (const group of byRepository.values()) {
    const { installationId, repoId } = group[0];
    const prNumbers = [...new Set(group.map((record) => record.prNumber))];
    const stored = new Map(
      (await read({ installationId, repoId, prNumber: { $in: prNumbers } })).map((doc) => [
        keyOf(doc as T),
        doc,
      ]),
    );
    for (const record of group) {
      const found = stored.get(keyOf(record));
      if (!found || !unchangedFields(found, { ...record })) changed.push(record);
    }
  }
  return changed;
}

/** Commits have no version: a PR's commit is what GitHub lists, written whatever is stored. */
export async function writeCommits(store: Store, commits: readonly CommitRecord[]) {
  if (commits.length === 0) return;
  const changed = await notStoredAsIs(
    commits,
    (filter) => store.commits.find(filter).lean(),
    (commit) => `${commit.prNumber}:${commit.sha}`,
  );
  await upsertAll(
    store.commits,
    changed.map((commit) => ({
      filter: {
        installationId: commit.installationId,
        repoId: commit.repoId,
        prNumber: commit.prNumber,
        sha: commit.sha,
      },
      update: { $set: commit },
    })),
  );
}

export async function writeChangedFiles(store: Store, files: readonly ChangedFileRecord[]) {
  if (files.length === 0) return;
  const changed = await notStoredAsIs(
    files,
    (filter) => store.changedFiles.find(filter).lean(),
    (file) => `${file.prNumber}:${file.filename}`,
  );
  await upsertAll(
    store.changedFiles,
    changed.map((file) => ({
      filter: {
        installationId: file.installationId,
        repoId: file.repoId,
        prNumber: file.prNumber,
        filename: file.filename,
      },
      update: { $set: file },
    })),
  );
}
