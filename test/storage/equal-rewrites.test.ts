import type { CommandStartedEvent } from "mongodb";
import {
  writeChangedFiles,
  writeCheckRuns,
  writeComments,
  writeCommits,
  writeReviews,
} from "../../src/storage/write/related-records.js";
import {
  at,
  checkRunRecord,
  commentRecord,
  commitRecord,
  human,
  REPO,
  reviewRecord,
} from "../harness/factories.js";
import { clearStore, useTestDatabase } from "../harness/database.js";

const db = useTestDatabase({ monitorCommands: true });
/** Per collection, the documents each `update` command carried. */
const updates = new Map<string, number[]>();
const AS_DELIVERED = { rewriteEqual: true };

beforeAll(() => {
  db.connection()
    .getClient()
    .on("commandStarted", (event: CommandStartedEvent) => {
      if (event.commandName !== "update") return;
      const collection = String(event.command.update);
      updates.set(collection, [
        ...(updates.get(collection) ?? []),
        (event.command.updates as unknown[]).length,
      ]);
    });
});

beforeEach(async () => {
  await clearStore(db.store());
  updates.clear();
});

const review = reviewRecord({ reviewId: 11, author: human("carol") });
const comment = commentRecord({ commentId: 21, author: human("bob") });
const run = checkRunRecord({ checkRunId: 31, prNumbers: [1] });
const writeAll = async (records: {
  reviews: (typeof review)[];
  comments: (typeof comment)[];
  runs: (typeof run)[];
}) => {
  await writeReviews(db.store(), records.reviews, AS_DELIVERED);
  await writeComments(db.store(), records.comments, AS_DELIVERED);
  await writeCheckRuns(db.store(), records.runs, AS_DELIVERED);
};

describe("a webhook batch re-sending records at their stored version", () => {
  it("writes none of those stored exactly as sent", async () => {
    await writeAll({ reviews: [review], comments: [comment], runs: [run] });
    expect([...updates.keys()].sort()).toEqual(["check_runs", "comments", "reviews"]);

    updates.clear();
    await writeAll({ reviews: [review], comments: [comment], runs: [run] });

    expect(updates).toEqual(new Map());
  });

  it("rewrites one whose fields differ at the same version, as the later arrival wins", async () => {
    await writeAll({ reviews: [review], comments: [comment], runs: [run] });
    updates.clear();

    await writeAll({
      reviews: [{ ...review, state: "DISMISSED" }],
      comments: [{ ...comment, author: human("bob-renamed") }],
      // Another PR with the same head: its number is added to the run's.
      runs: [{ ...run, prNumbers: [2] }],
    });

    expect(updates).toEqual(
      new Map([
        ["reviews", [1]],
        ["comments", [1]],
        ["check_runs", [1]],
      ]),
    );
    expect(await db.store().reviews.findOne({ reviewId: 11 }).lean()).toMatchObject({ state: "DISMISSED" });
    expect(await db.store().comments.findOne({ commentId: 21 }).lean()).toMatchObject({
      author: { login: "bob-renamed" },
    });
    expect(await db.store().checkRuns.findOne({ checkRunId: 31 }).lean()).toMatchObject({
      prNumbers: [1, 2],
    });
  });

  it("still writes a newer version, and never an older one", async () => {
    await writeAll({ reviews: [], comments: [comment], runs: [] });
    updates.clear();

    await writeAll({
      reviews: [],
      comments: [{ ...comment, author: human("new"), updatedAt: at("2026-03-02T13:00:00Z") }],
      runs: [],
    });
    await writeAll({
      reviews: [],
      comments: [{ ...comment, author: human("old"), updatedAt: at("2026-03-02T11:00:00Z") }],
      runs: [],
    });

    expect(updates.get("comments")).toEqual([1]);
    expect(await db.store().comments.findOne({ commentId: 21 }).lean()).toMatchObject({
      author: { login: "new" },
    });
  });
});

describe("a fetch listing a PR's commits and files again", () => {
  const commits = [commitRecord({ sha: "a1" }), commitRecord({ sha: "b2" })];
  const file = { ...REPO, prNumber: 1, filename: "src/a.ts", status: "modified", additions: 3, deletions: 1 };

  it("writes only those not stored exactly as listed", async () => {
    await writeCommits(db.store(), commits);
    await writeChangedFiles(db.store(), [file]);
    expect(updates).toEqual(
      new Map([
        ["commits", [2]],
        ["changed_files", [1]],
      ]),
    );
    updates.clear();

    await writeCommits(db.store(), [commits[0], { ...commits[1], message: "Reworded" }]);
    await writeChangedFiles(db.store(), [file, { ...file, filename: "src/b.ts" }]);

    expect(updates).toEqual(
      new Map([
        ["commits", [1]],
        ["changed_files", [1]],
      ]),
    );
    expect(await db.store().commits.findOne({ sha: "b2" }).lean()).toMatchObject({ message: "Reworded" });
    expect(await db.store().changedFiles.countDocuments({ ...REPO, prNumber: 1 })).toBe(2);
  });
});
