import { clearStore } from "../harness/database.js";
import { useTestApp } from "./helpers/app.js";
import { edit, example, scenario, type Payload } from "./helpers/fixtures.js";

const { db, app } = useTestApp();

const reviews = () => db.store().reviews.find({}, { _id: 0 }).sort({ reviewId: 1 }).lean();
/** Comments as every reader sees them: a deleted one is gone. */
const comments = () => db.store().comments.find({ deletedAt: null }, { _id: 0, deletedAt: 0 }).lean();
const prComment = () => scenario("derived-actions").find((d) => d.name === "issue_comment")!.payload;

describe("pull_request_review deliveries", () => {
  it("stores a submitted review keyed by its id", async () => {
    await app.receive("pull_request_review", example("pull_request_review", "submitted"));
    expect(await reviews()).toEqual([
      {
        installationId: 1,
        repoId: 186853002,
        prNumber: 2,
        reviewId: 237895671,
        author: { login: "Codertocat", id: 21031067, type: "User" },
        state: "COMMENTED",
        submittedAt: new Date("2019-05-15T15:20:38Z"),
        commitId: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      },
    ]);
  });

  it("applies an edited review without adding another", async () => {
    const edited = scenario("derived-actions").find(
      (d) => d.payload.action === "edited" && d.name.endsWith("review"),
    );
    await app.receive("pull_request_review", example("pull_request_review", "submitted"));
    await app.receive(edited!.name, edited!.payload);
    expect(await reviews()).toMatchObject([{ reviewId: 237895671, state: "COMMENTED" }]);
  });

  it("marks a dismissed review DISMISSED, whatever order the two deliveries arrive in", async () => {
    const [submitted, dismissed] = scenario("dismissed-review");
    await app.receive(submitted.name, submitted.payload);
    expect(await reviews()).toMatchObject([{ state: "CHANGES_REQUESTED" }]);
    await app.receive(dismissed.name, dismissed.payload);
    expect(await reviews()).toMatchObject([{ state: "DISMISSED" }]);

    await clearStore(db.store());
    await app.receive(dismissed.name, dismissed.payload);
    await app.receive(submitted.name, submitted.payload);
    expect(await reviews()).toMatchObject([
      { state: "DISMISSED", submittedAt: new Date("2019-05-15T15:20:38Z") },
    ]);
  });

  it("keeps a bot reviewer's GitHub type", async () => {
    const [approval] = scenario("bot-review");
    await app.receive(approval.name, approval.payload);
    expect(await reviews()).toMatchObject([
      {
        reviewId: 237895672,
        state: "APPROVED",
        author: { login: "dependabot[bot]", id: 49699333, type: "Bot" },
      },
    ]);
  });

  it("stores a PENDING review, and its submission later replaces it", async () => {
    const submitted = example("pull_request_review", "submitted");
    const pending = edit(submitted, { "review.state": "pending", "review.submitted_at": null });
    await app.receive("pull_request_review", pending);
    expect(await reviews()).toMatchObject([{ state: "PENDING", submittedAt: null }]);

    await app.receive("pull_request_review", submitted);
    await app.receive("pull_request_review", pending);
    expect(await reviews()).toMatchObject([
      { state: "COMMENTED", submittedAt: new Date("2019-05-15T15:20:38Z") },
    ]);
  });
});

describe("comment deliveries", () => {
  it("stores an inline review comment, applies its edit and removes it when deleted", async () => {
    await app.receive("pull_request_review_comment", example("pull_request_review_comment", "created"));
    expect(await comments()).toEqual([
      {
        installationId: 1,
        repoId: 186853002,
        prNumber: 2,
        kind: "review",
        commentId: 284312630,
        author: { login: "Codertocat", id: 21031067, type: "User" },
        createdAt: new Date("2019-05-15T15:20:37Z"),
        updatedAt: new Date("2019-05-15T15:20:38Z"),
      },
    ]);

    const edited = edit(example("pull_request_review_comment", "edited"), {
      "comment.updated_at": "2019-05-15T16:00:00Z",
    });
    await app.receive("pull_request_review_comment", edited);
    expect(await comments()).toMatchObject([
      { commentId: 284312630, updatedAt: new Date("2019-05-15T16:00:00Z") },
    ]);

    await app.receive("pull_request_review_comment", example("pull_request_review_comment", "deleted"));
    expect(await comments()).toEqual([]);
  });

  it("stores a conversation comment on a PR with kind issue, and removes it when deleted", async () => {
    await app.receive("issue_comment", prComment());
    expect(await comments()).toMatchObject([
      { kind: "issue", prNumber: 1, commentId: 492700400, updatedAt: new Date("2019-05-15T15:20:21Z") },
    ]);

    const deleted: Payload = edit(example("issue_comment", "deleted"), {
      "issue.pull_request": prComment().issue,
    });
    await app.receive("issue_comment", deleted);
    expect(await comments()).toEqual([]);
  });

  it("ignores comments on plain issues without reporting them", async () => {
    await app.receive("issue_comment", example("issue_comment", "created"));
    expect(await comments()).toEqual([]);
    expect(app.deps.errors).toEqual([]);
  });

  it("never lets an older comment edit overwrite a newer one, and repeats change nothing", async () => {
    const newer = edit(prComment(), { action: "edited", "comment.updated_at": "2019-05-15T17:00:00Z" });
    await app.receive("issue_comment", newer);
    await app.receive("issue_comment", newer);
    await app.receive("issue_comment", prComment());
    expect(await comments()).toMatchObject([{ updatedAt: new Date("2019-05-15T17:00:00Z") }]);
  });
});

describe("a deleted comment stays deleted, whatever order its deliveries arrive in", () => {
  const deliveries = scenario("comment-edited-then-deleted");
  const of = (event: string) => {
    const [edited, deleted] = deliveries.filter((delivery) => delivery.name === event);
    const created = edit(edited.payload, { action: "created", "comment.updated_at": "2019-05-15T15:30:00Z" });
    return { created, edited: edited.payload, deleted: deleted.payload };
  };

  it.each(["pull_request_review_comment", "issue_comment"])(
    "%s: an edit delivered after the deletion does not bring the comment back",
    async (event) => {
      const { created, edited, deleted } = of(event);
      await app.receive(event, created);
      await app.receive(event, deleted);
      await app.receive(event, edited);
      expect(await comments()).toEqual([]);
    },
  );

  it.each(["pull_request_review_comment", "issue_comment"])(
    "%s: a deletion delivered first keeps the creation and the edit out",
    async (event) => {
      const { created, edited, deleted } = of(event);
      await app.receive(event, deleted);
      await app.receive(event, edited);
      await app.receive(event, created);
      expect(await comments()).toEqual([]);
    },
  );

  it("counts the comment in the PR's metrics only while it exists", async () => {
    const { created, edited, deleted } = of("pull_request_review_comment");
    const reviewComments = async () =>
      (await db.store().pullRequests.findOne({ number: 2 }).lean())?.metrics.reviewCommentsCount;
    await app.receive("pull_request", example("pull_request", "opened"));
    await app.receive("pull_request_review_comment", created);
    expect(await reviewComments()).toBe(1);
    await app.receive("pull_request_review_comment", deleted);
    await app.receive("pull_request_review_comment", edited);
    expect(await reviewComments()).toBe(0);
  });

  it("keeps a dismissed review dismissed when its edit arrives later", async () => {
    const [submitted, dismissed] = scenario("dismissed-review");
    await app.receive(dismissed.name, dismissed.payload);
    await app.receive(submitted.name, edit(submitted.payload, { action: "edited" }));
    expect(await reviews()).toMatchObject([{ state: "DISMISSED" }]);
  });
});
