import { findDeliveries, inboxStorage } from "../../src/storage/inbox/index.js";
import { useTestApp } from "./helpers/app.js";
import { edit, example, type Payload } from "./helpers/fixtures.js";

/** Signed payloads (the inbox holds what passed the signature check) that do not match what we read. */
const { db, app } = useTestApp();

const storedDelivery = async (id: string) =>
  (await findDeliveries(inboxStorage(db.store()), { ids: [id] }))[0];
const storedDocuments = async () => {
  const store = db.store();
  const models = [store.pullRequests, store.repositories, store.reviews, store.comments, store.checkRuns];
  const counts = await Promise.all(models.map((model) => model.countDocuments().exec()));
  return counts.reduce((sum, count) => sum + count, 0);
};

const malformed: [string, string, Payload][] = [
  [
    "pull_request",
    "an unparseable timestamp",
    edit(example("pull_request", "opened"), { "pull_request.updated_at": "yesterday" }),
  ],
  ["pull_request", "no installation", edit(example("pull_request", "opened"), { installation: undefined })],
  [
    "pull_request_review",
    "an unknown review state",
    edit(example("pull_request_review", "submitted"), { "review.state": "shrugged" }),
  ],
  [
    "check_run",
    "no completed_at",
    edit(example("check_run", "completed"), { "check_run.completed_at": null }),
  ],
  ["issue_comment", "no comment id", edit(example("issue_comment", "created"), { "comment.id": null })],
];

describe("a payload that fails its schema", () => {
  it.each(malformed)("%s with %s is reported and set aside at once", async (event, _why, payload) => {
    await expect(app.receive(event, payload, "bad-delivery")).resolves.toBeUndefined();

    expect(await storedDocuments()).toBe(0);
    expect(app.deps.errors).toHaveLength(1);
    expect(app.deps.errors[0].context).toEqual({
      deliveryId: "bad-delivery",
      event: `${event}.${payload.action}`,
    });
    expect(String(app.deps.errors[0].error)).toContain(`invalid ${event}.${payload.action} payload`);
    // Trying again cannot help: it is set aside with the reason, not retried.
    expect(await storedDelivery("bad-delivery")).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: expect.stringContaining("✖"),
    });
  });

  it("does not stop the next delivery", async () => {
    await app.receive("pull_request", malformed[0][2]);
    await app.receive("pull_request", example("pull_request", "opened"));
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
    expect(app.deps.errors).toHaveLength(1);
  });
});

describe("a storage failure", () => {
  it("keeps the delivery for a later try without reporting it, and the next try stores it", async () => {
    const model = db.store().pullRequests;
    const original = model.bulkWrite.bind(model);
    model.bulkWrite = (() => Promise.reject(new Error("disk full"))) as typeof model.bulkWrite;
    try {
      await app.receive("pull_request", example("pull_request", "opened"), "db-fails");
    } finally {
      model.bulkWrite = original;
    }
    expect(await db.store().pullRequests.countDocuments()).toBe(0);
    expect(await storedDelivery("db-fails")).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "disk full",
    });
    expect(app.deps.errors).toEqual([]);

    await app.retryNow();
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
    expect(await storedDelivery("db-fails")).toMatchObject({ state: "applied" });
  });
});
