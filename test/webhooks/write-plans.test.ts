import { savePullRequest } from "../../src/webhooks/persist/pull-requests.js";
import { saveCheckRun, saveComment, saveReview } from "../../src/webhooks/persist/records.js";
import { at, checkRunRecord, commentRecord, pullRequestRecord, reviewRecord } from "../harness/factories.js";
import { isPointWrite, useMonitoredDatabase } from "../harness/query-plans.js";

/**
 * A delivery's conditional write must find the stored document by a point lookup: a scan would cost
 * every delivery a pass over the installation's documents, slower the more history is stored.
 */
const db = useMonitoredDatabase();

test("deliveries for stored records write through point lookups and read through indexes", async () => {
  const store = db.store();
  const first = { updatedAt: at("2026-03-02T10:00:00Z") };
  const later = { updatedAt: at("2026-03-03T10:00:00Z") };
  const pr = pullRequestRecord(first);
  const review = reviewRecord({ reviewId: 61, submittedAt: first.updatedAt });
  const comment = commentRecord({ commentId: 62, ...first });
  const run = checkRunRecord({ checkRunId: 63, completedAt: first.updatedAt });
  for (const version of [first, later]) {
    await savePullRequest(store, { ...pr, ...version }, { readyForReviewAt: version.updatedAt });
    await saveReview(store, { ...review, submittedAt: version.updatedAt });
    await saveComment(store, { ...comment, ...version });
    await saveCheckRun(store, { ...run, completedAt: version.updatedAt });
  }

  const writes = db.sent.filter((one) => one.kind === "update");
  expect(new Set(writes.map((one) => one.collection))).toEqual(
    new Set(["pull_requests", "reviews", "comments", "check_runs"]),
  );
  expect(writes.filter((one) => !isPointWrite(one)).map((one) => JSON.stringify(one.filter))).toEqual([]);
  expect(await db.collectionScans(db.sent.filter((one) => one.kind === "find"))).toEqual([]);
});
