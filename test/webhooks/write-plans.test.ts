import { recordDraftHistory } from "../../src/storage/write/draft-history.js";
import { writePullRequests } from "../../src/storage/write/pull-requests.js";
import {
  tombstoneComments,
  writeCheckRuns,
  writeComments,
  writeReviews,
} from "../../src/storage/write/related-records.js";
import { at, checkRunRecord, commentRecord, pullRequestRecord, reviewRecord } from "../harness/factories.js";
import { isPointWrite, useMonitoredDatabase } from "../harness/query-plans.js";

/**
 * A batch of deliveries writes through the storage layer's policies. Each conditional write must find
 * the stored document by a point lookup and each read ride an index: a scan would cost every batch a
 * pass over the installation's documents, slower the more history is stored.
 */
const db = useMonitoredDatabase();
const AS_DELIVERED = { rewriteEqual: true };

test("batches for stored records write through point lookups and read through indexes", async () => {
  const store = db.store();
  const first = { updatedAt: at("2026-03-02T10:00:00Z") };
  const later = { updatedAt: at("2026-03-03T10:00:00Z") };
  const pr = pullRequestRecord(first);
  const repo = { installationId: pr.installationId, repoId: pr.repoId };
  const review = reviewRecord({ reviewId: 61, submittedAt: first.updatedAt });
  const comment = commentRecord({ commentId: 62, ...first });
  const run = checkRunRecord({ checkRunId: 63, completedAt: first.updatedAt });
  for (const version of [first, later]) {
    await writePullRequests(store, repo, [{ record: { ...pr, ...version } }], AS_DELIVERED);
    await recordDraftHistory(store, repo, new Map([[pr.number, { readyForReviewAt: version.updatedAt }]]));
    await writeReviews(store, [{ ...review, submittedAt: version.updatedAt }], AS_DELIVERED);
    await writeComments(store, [{ ...comment, ...version }], AS_DELIVERED);
    await writeCheckRuns(store, [{ ...run, completedAt: version.updatedAt }], AS_DELIVERED);
  }
  await tombstoneComments(store, [comment]);

  const writes = db.sent.filter((one) => one.kind === "update");
  expect(new Set(writes.map((one) => one.collection))).toEqual(
    new Set(["pull_requests", "reviews", "comments", "check_runs"]),
  );
  expect(writes.filter((one) => !isPointWrite(one)).map((one) => JSON.stringify(one.filter))).toEqual([]);
  expect(await db.collectionScans(db.sent.filter((one) => one.kind === "find"))).toEqual([]);
});
