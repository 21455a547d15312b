import { upsertNewer, type VersionedUpsert } from "../../src/storage/write/bulk-upsert.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { at, reviewRecord } from "../harness/factories.js";

const db = useTestDatabase();
beforeEach(() => clearStore(db.store()));

const reviewOp = (review: ReturnType<typeof reviewRecord>): VersionedUpsert => ({
  key: { installationId: review.installationId, reviewId: review.reviewId },
  update: { $set: review },
  versionField: "submittedAt",
  version: review.submittedAt,
});

/** The page read the store before a webhook wrote: it believes nothing is stored. */
const readBeforeTheWebhook = () => undefined;

test("a record a webhook stored newer since the page's read is kept, and the page's copy is stale", async () => {
  const store = db.store();
  const fetched = reviewRecord({ reviewId: 71, state: "COMMENTED", submittedAt: at("2026-03-02T10:00:00Z") });
  await store.reviews.create({ ...fetched, state: "DISMISSED", submittedAt: at("2026-03-02T11:00:00Z") });

  const { stale } = await upsertNewer(store.reviews, [reviewOp(fetched)], readBeforeTheWebhook, {
    rewriteEqual: false,
  });

  expect([...stale]).toEqual([0]);
  const kept = await store.reviews.findOne({ reviewId: 71 }).lean();
  expect(kept).toMatchObject({ state: "DISMISSED", submittedAt: at("2026-03-02T11:00:00Z") });
});

test("a record a webhook stored older since the page's read is overwritten by the newer page", async () => {
  const store = db.store();
  const fetched = reviewRecord({ reviewId: 72, state: "APPROVED", submittedAt: at("2026-03-02T12:00:00Z") });
  await store.reviews.create({ ...fetched, state: "COMMENTED", submittedAt: at("2026-03-02T09:00:00Z") });

  const { stale } = await upsertNewer(store.reviews, [reviewOp(fetched)], readBeforeTheWebhook, {
    rewriteEqual: false,
  });

  expect(stale.size).toBe(0);
  expect(await store.reviews.findOne({ reviewId: 72 }).lean()).toMatchObject({ state: "APPROVED" });
});

test("new records are inserted beside ones already stored, in one call", async () => {
  const store = db.store();
  const stored = reviewRecord({ reviewId: 73, submittedAt: at("2026-03-02T11:00:00Z") });
  await store.reviews.create(stored);
  const fresh = [74, 75].map((reviewId) => reviewRecord({ reviewId }));
  const older = { ...stored, submittedAt: at("2026-03-01T11:00:00Z"), state: "COMMENTED" as const };

  const { stale } = await upsertNewer(store.reviews, [older, ...fresh].map(reviewOp), readBeforeTheWebhook, {
    rewriteEqual: false,
  });

  expect([...stale]).toEqual([0]);
  expect(await store.reviews.countDocuments({ reviewId: { $in: [73, 74, 75] } })).toBe(3);
  expect(await store.reviews.findOne({ reviewId: 73 }).lean()).toMatchObject({ state: "APPROVED" });
});
