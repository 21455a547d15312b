import { needsCompletion } from "../../src/webhooks/needs-completion.js";
import { useTestApp } from "./helpers/app.js";
import { edit, example } from "./helpers/fixtures.js";

// GitHub's example PR: Codertocat/Hello-World#2, installation 1.
const pr = { installationId: 1, repoId: 186853002, repo: "Codertocat/Hello-World", number: 2 };

describe("needsCompletion", () => {
  it.each(["opened", "reopened", "synchronize", "ready_for_review"])(
    "completes an open PR after %s",
    (action) => {
      const payload = edit(example("pull_request", action), { "pull_request.state": "open" });
      expect(needsCompletion("pull_request", action, payload)).toEqual(pr);
    },
  );

  it.each(["labeled", "assigned", "review_requested", "converted_to_draft", "closed"])(
    "leaves the PR alone after %s (no list of it changes)",
    (action) => {
      expect(needsCompletion("pull_request", action, example("pull_request", action))).toBeNull();
    },
  );

  it("completes after an edit of the base only", () => {
    // GitHub's examples have no `edited`: the opened PR, edited.
    const edited = edit(example("pull_request", "opened"), { action: "edited" });
    const retitled = edit(edited, { changes: { title: { from: "Old" } }, "pull_request.state": "open" });
    const rebased = edit(retitled, { changes: { base: { ref: { from: "develop" } } } });
    expect(needsCompletion("pull_request", "edited", retitled)).toBeNull();
    expect(needsCompletion("pull_request", "edited", rebased)).toEqual(pr);
  });

  it("leaves a closed PR to the merge hook and the sync", () => {
    const payload = edit(example("pull_request", "synchronize"), { "pull_request.state": "closed" });
    expect(needsCompletion("pull_request", "synchronize", payload)).toBeNull();
  });

  it("completes the open PRs of a force-pushed branch, not after an ordinary push or a deletion", () => {
    const push = example("push");
    const repository = push.repository as { id: number; full_name: string };
    const forced = edit(push, { forced: true, deleted: false, ref: "refs/heads/feature/x" });
    expect(needsCompletion("push", undefined, forced)).toEqual({
      installationId: 1,
      repoId: repository.id,
      repo: repository.full_name,
      headRef: "feature/x",
    });
    expect(needsCompletion("push", undefined, edit(forced, { forced: false }))).toBeNull();
    expect(needsCompletion("push", undefined, edit(forced, { deleted: true }))).toBeNull();
    expect(needsCompletion("push", undefined, edit(forced, { ref: "refs/tags/v1" }))).toBeNull();
  });

  it("needs nothing for a payload it cannot read, or another event", () => {
    expect(needsCompletion("pull_request", "opened", { action: "opened" })).toBeNull();
    expect(needsCompletion("issues", "opened", example("pull_request", "opened"))).toBeNull();
  });
});

describe("webhook handlers", () => {
  const { app } = useTestApp();

  it("hand an opened PR and a forced push to onCompletionNeeded after storing", async () => {
    await app.receive("pull_request", example("pull_request", "opened"));
    await app.receive("pull_request", example("pull_request", "labeled"));
    const push = example("push");
    await app.receive("push", edit(push, { forced: true, deleted: false, ref: "refs/heads/changes" }));

    const repository = push.repository as { id: number; full_name: string };
    expect(app.deps.completions).toEqual([
      pr,
      { installationId: 1, repoId: repository.id, repo: repository.full_name, headRef: "changes" },
    ]);
  });

  it("report a failing hook and keep the delivery's data", async () => {
    app.deps.onCompletionNeeded = async () => {
      throw new Error("job queue unavailable");
    };
    await app.receive("pull_request", example("pull_request", "opened"));
    expect(app.deps.errors).toHaveLength(1);
    expect(app.deps.errors[0].context).toMatchObject({ hook: "onCompletionNeeded", number: 2 });
  });
});
