import { pino } from "pino";
import {
  claimDeliveries,
  createInboxWriter,
  findDeliveries,
  inboxStorage,
} from "../../src/storage/inbox/index.js";
import { connectDatabase } from "../../src/storage/connect.js";
import { createStore } from "../../src/storage/store.js";
import { createInboxProcessor } from "../../src/webhooks/apply/processor.js";
import { cliRunner } from "../cli/harness.js";
import { testMongoUri } from "../harness/database.js";
import { recordingDeps, useTestApp } from "./helpers/app.js";
import { edit, example, type Payload } from "./helpers/fixtures.js";

/** The worker's side of ingest: batches, coalescing, claims shared by workers, poison, replay. */
const { db, app } = useTestApp();
const log = pino({ level: "silent" });
const prOf = (number: number) =>
  db.store().pullRequests.findOne({ installationId: 1, repoId: 186853002, number }).lean();

/** GitHub's example payload of `action` for PR `number` as of `updatedAt` ("edited": a synchronize's). */
function prEvent(number: number, action: "opened" | "edited" | "merged", updatedAt: string) {
  const merged = action === "merged";
  const payload = example("pull_request", merged ? "closed" : action === "edited" ? "synchronize" : action);
  return edit(payload, {
    action: merged ? "closed" : action,
    "pull_request.number": number,
    "pull_request.id": 9_000_000 + number,
    "pull_request.updated_at": updatedAt,
    "pull_request.title": `PR ${number} at ${updatedAt}`,
    ...(merged ? { "pull_request.merged_at": updatedAt, "pull_request.merged": true } : {}),
  });
}

/** Stores deliveries the way the webhook route does, without applying them. */
async function enqueue(deliveries: Array<{ id: string; event: string; payload: Payload }>) {
  const writer = createInboxWriter(inboxStorage(db.store()), { timeoutMs: 5_000 });
  await Promise.all(
    deliveries.map(({ id, event, payload }) =>
      writer.write({
        id,
        event,
        action: typeof payload.action === "string" ? payload.action : null,
        installationId: 1,
        payload: JSON.stringify(payload),
        receivedAt: new Date(),
      }),
    ),
  );
}
const stored = () => findDeliveries(inboxStorage(db.store()));
const states = async () => Object.fromEntries((await stored()).map((d) => [d.id, d.state]));

describe("the inbox processor", () => {
  it("applies a batch in GitHub's order, not arrival order: the newest state of a PR wins", async () => {
    const times = ["2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T11:00:00Z"];
    await enqueue(
      times.map((at, i) => ({ id: `edit-${i}`, event: "pull_request", payload: prEvent(7, "edited", at) })),
    );
    await createInboxProcessor({ ...app.deps, log }).drain();

    expect(await prOf(7)).toMatchObject({ title: "PR 7 at 2026-01-01T12:00:00Z" });
    expect(Object.values(await states())).toEqual(["applied", "applied", "applied"]);

    // A delivery older than the stored record, in a later batch, changes nothing.
    await app.receive("pull_request", prEvent(7, "edited", "2026-01-01T09:00:00Z"));
    expect(await prOf(7)).toMatchObject({ title: "PR 7 at 2026-01-01T12:00:00Z" });
  });

  it("applies a delivery GitHub sends twice once", async () => {
    const merged = prEvent(8, "merged", "2026-01-02T10:00:00Z");
    await app.receive("pull_request", merged, "twice");
    await app.receive("pull_request", merged, "twice");
    // Both copies are stored and acknowledged; the worker applies the first one only.
    expect((await stored()).filter((d) => d.id === "twice").map((d) => d.state)).toEqual([
      "applied",
      "applied",
    ]);
    expect(app.deps.merged).toHaveLength(1);
  });

  it("sets a delivery that keeps failing aside with its error while the rest apply", async () => {
    const failing = edit(prEvent(9, "edited", "2026-01-03T10:00:00Z"), {
      "repository.id": 4242,
      "repository.full_name": "Codertocat/poison",
    });
    app.deps.loadRepoConfig = async (_octokit, fullName) => {
      if (fullName === "Codertocat/poison") throw new Error("GitHub answered 500");
      return { raw: null };
    };
    await enqueue([
      { id: "poison", event: "pull_request", payload: failing },
      { id: "fine-1", event: "pull_request", payload: prEvent(10, "edited", "2026-01-03T10:00:00Z") },
      { id: "fine-2", event: "pull_request", payload: prEvent(11, "edited", "2026-01-03T10:00:00Z") },
    ]);
    const processor = createInboxProcessor(
      { ...app.deps, log },
      { failures: { maxAttempts: 3, backoffMs: () => 0 } },
    );
    // No backoff here: the drain tries the poison again until its last attempt.
    await processor.drain();
    expect(await states()).toEqual({ poison: "failed", "fine-1": "applied", "fine-2": "applied" });
    expect((await stored()).find((d) => d.id === "poison")).toMatchObject({
      state: "failed",
      attempts: 3,
      lastError: "GitHub answered 500",
    });
    expect(app.deps.errors).toMatchObject([
      { context: { deliveryId: "poison", event: "pull_request.edited" } },
    ]);

    const cli = cliRunner(db.store);
    const shown = await cli("inbox");
    expect(shown.stdout).toContain("0 pending, 2 applied (kept for replay), 1 set aside");
    expect(shown.stdout).toContain("GitHub answered 500");
  });

  it("is shared by two workers without applying a delivery twice", async () => {
    const merged = Array.from({ length: 60 }, (_, i) => ({
      id: `merge-${i}`,
      event: "pull_request",
      payload: prEvent(100 + i, "merged", "2026-01-04T10:00:00Z"),
    }));
    // One at a time, so each is a batch of its own and the two workers have many to share.
    for (const delivery of merged) await enqueue([delivery]);
    const other = await connectDatabase(testMongoUri(), db.dbName);
    try {
      const otherDeps = recordingDeps(() => createStore(other));
      const small = { batchSize: 7 };
      await Promise.all([
        createInboxProcessor({ ...app.deps, log }, small).drain(),
        createInboxProcessor({ ...otherDeps, log }, small).drain(),
      ]);
      const hooked = [...app.deps.merged, ...otherDeps.merged].map((ref) => ref.number).sort((a, b) => a - b);
      expect(hooked).toEqual(merged.map((_, i) => 100 + i));
    } finally {
      await other.close();
    }
    expect((await stored()).filter((d) => d.state === "applied")).toHaveLength(60);
  });

  it("takes over deliveries a dead worker held once their lease runs out", async () => {
    await enqueue([
      { id: "held", event: "pull_request", payload: prEvent(12, "opened", "2026-01-05T10:00:00Z") },
    ]);
    // A worker claimed it and died before applying it (its lease still has a moment to run).
    await claimDeliveries(inboxStorage(db.store()), { limit: 10, leaseMs: 300 });
    const processor = createInboxProcessor({ ...app.deps, log });
    expect(await processor.drain()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await processor.drain()).toBe(1);
    expect(await prOf(12)).toMatchObject({ state: "open" });
  });

  it("replays kept deliveries after a fix, changing nothing that was right", async () => {
    await app.receive("pull_request", prEvent(13, "opened", "2026-01-06T10:00:00Z"), "r-1");
    await app.receive("pull_request", prEvent(14, "opened", "2026-01-06T10:00:00Z"), "r-2");
    const right = await prOf(13);
    // What a bug lost: the replay brings it back.
    await db.store().pullRequests.deleteOne({ installationId: 1, number: 14 });

    const cli = cliRunner(db.store);
    expect(await cli("replay", "--since", "yesterday")).toMatchObject({ code: 2 });
    const replayed = await cli("replay", "--since", "2000-01-01");
    expect(replayed).toMatchObject({ code: 0 });
    expect(replayed.stdout).toMatch(/^2 deliveries received since 2000-01-01T00:00:00.000Z queued again/);
    await createInboxProcessor({ ...app.deps, log }).drain();

    expect(await prOf(13)).toEqual(right);
    expect(await prOf(14)).toMatchObject({ title: "PR 14 at 2026-01-06T10:00:00Z" });
    expect(await states()).toEqual({ "r-1": "applied", "r-2": "applied" });
  });
});
