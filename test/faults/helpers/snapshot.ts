import type { Store } from "../../../src/storage/store.js";

/**
 * What a repository's sync left stored, for comparing a run with faults to one without: the PR numbers
 * and, per collection, how many records (a lost record lowers a count, a doubled one raises it).
 */
export async function storedSnapshot(store: Store, repoId: number) {
  const filter = { repoId };
  const numbers = (await store.pullRequests.find(filter, { number: 1 }).lean())
    .map((pr) => pr.number)
    .sort((a, b) => a - b);
  const counts = {
    pullRequests: await store.pullRequests.countDocuments(filter),
    complete: await store.pullRequests.countDocuments({ ...filter, dataComplete: true }),
    reviews: await store.reviews.countDocuments(filter),
    commits: await store.commits.countDocuments(filter),
    changedFiles: await store.changedFiles.countDocuments(filter),
    checkRuns: await store.checkRuns.countDocuments(filter),
    checkSuites: await store.checkSuites.countDocuments(filter),
    comments: await store.comments.countDocuments(filter),
  };
  return { numbers, counts };
}

/**
 * The repository's PRs, reviews and comments as stored, without the database's own ids: two runs that
 * applied the same deliveries store the same documents, whatever order and batches they came in.
 */
export async function storedRecords(store: Store, repoId: number) {
  const filter = { repoId };
  const withoutId = <T extends { _id: unknown }>(docs: T[]) => docs.map(({ _id, ...fields }) => fields);
  return {
    pullRequests: withoutId(await store.pullRequests.find(filter).sort({ number: 1 }).lean()),
    reviews: withoutId(await store.reviews.find(filter).sort({ reviewId: 1 }).lean()),
    comments: withoutId(await store.comments.find(filter).sort({ commentId: 1 }).lean()),
  };
}
