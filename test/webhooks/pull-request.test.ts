import { useTestApp } from "./helpers/app.js";
import { edit, example, scenario } from "./helpers/fixtures.js";

const { db, app } = useTestApp();

const findPr = () =>
  db.store().pullRequests.findOne({ installationId: 1, repoId: 186853002, number: 2 }).lean();
const derived = (action: string) => scenario("derived-actions").find((d) => d.payload.action === action);

describe("pull_request deliveries", () => {
  it("stores an opened PR with what the payload says", async () => {
    await app.receive("pull_request", example("pull_request", "opened"));

    expect(await findPr()).toMatchObject({
      repo: "Codertocat/Hello-World",
      prId: 279147437,
      nodeId: "MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3",
      title: "Update the README with new information.",
      author: { login: "Codertocat", id: 21031067, type: "User" },
      state: "open",
      draft: false,
      createdAt: new Date("2019-05-15T15:20:33Z"),
      updatedAt: new Date("2019-05-15T15:20:33Z"),
      headRef: "changes",
      headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      baseRef: "master",
      additions: 1,
      deletions: 1,
      changedFiles: 1,
      openedAsDraft: false,
      readyAt: new Date("2019-05-15T15:20:33Z"),
      dataComplete: false,
    });
    expect(
      await db.store().repositories.findOne({ installationId: 1, repoId: 186853002 }).lean(),
    ).toMatchObject({ fullName: "Codertocat/Hello-World", private: false, syncStatus: "pending" });
  });

  const realActions = [
    "reopened",
    "closed",
    "synchronize",
    "ready_for_review",
    "converted_to_draft",
    "labeled",
    "unlabeled",
    "assigned",
    "unassigned",
    "review_requested",
  ];
  it.each(realActions)("stores the PR from a %s delivery", async (action) => {
    const payload = example("pull_request", action);
    await app.receive("pull_request", payload);

    const pr = payload.pull_request as { draft: boolean; updated_at: string; labels: { name: string }[] };
    expect(await findPr()).toMatchObject({
      draft: pr.draft,
      updatedAt: new Date(pr.updated_at),
      labels: pr.labels.map((label) => label.name),
    });
    expect(app.deps.errors).toEqual([]);
  });

  it("keeps labels, assignees and milestones current", async () => {
    await app.receive("pull_request", example("pull_request", "labeled"));
    expect(await findPr()).toMatchObject({ labels: ["bug"], assignees: ["Codertocat"], milestone: "v1.0" });

    for (const action of ["edited", "milestoned"])
      await app.receive("pull_request", derived(action)!.payload);
    expect(await findPr()).toMatchObject({
      title: "Update the README with newer information",
      milestone: "v2.0",
    });

    await app.receive("pull_request", derived("demilestoned")!.payload);
    expect(await findPr()).toMatchObject({ milestone: null });
  });

  it("changes nothing on a repeated delivery", async () => {
    const payload = example("pull_request", "labeled");
    await app.receive("pull_request", payload, "same-id");
    const first = await findPr();
    await app.receive("pull_request", payload, "same-id");

    expect(await findPr()).toEqual(first);
    expect(await db.store().pullRequests.countDocuments()).toBe(1);
  });

  it("never lets an older payload overwrite newer data", async () => {
    const newer = edit(example("pull_request", "labeled"), {
      "pull_request.title": "Newer title",
      "pull_request.updated_at": "2019-05-15T18:00:00Z",
    });
    await app.receive("pull_request", newer);
    await app.receive("pull_request", example("pull_request", "unlabeled"));

    expect(await findPr()).toMatchObject({
      title: "Newer title",
      labels: ["bug"],
      updatedAt: new Date("2019-05-15T18:00:00Z"),
    });
  });

  it("keeps stored sizes when a payload leaves them out", async () => {
    await app.receive("pull_request", example("pull_request", "opened"));
    const withoutSizes = edit(example("pull_request", "labeled"), {
      "pull_request.additions": undefined,
      "pull_request.deletions": undefined,
      "pull_request.changed_files": undefined,
    });
    await app.receive("pull_request", withoutSizes);

    expect(await findPr()).toMatchObject({ additions: 1, deletions: 1, changedFiles: 1, labels: ["bug"] });
  });

  it("derives readyAt from the first ready_for_review of a PR opened as a draft", async () => {
    const [opened, ready, backToDraft, readyAgain] = scenario("draft-then-ready");
    await app.receive(opened.name, opened.payload);
    expect(await findPr()).toMatchObject({ draft: true, openedAsDraft: true, readyAt: null });

    for (const delivery of [ready, backToDraft, readyAgain])
      await app.receive(delivery.name, delivery.payload);
    expect(await findPr()).toMatchObject({
      draft: false,
      firstReadyForReviewAt: new Date("2019-05-15T17:00:00Z"),
      readyAt: new Date("2019-05-15T17:00:00Z"),
    });
  });

  it("keeps the first ready_for_review when deliveries arrive in reverse order", async () => {
    const [opened, ready, backToDraft, readyAgain] = scenario("draft-then-ready");
    for (const delivery of [readyAgain, backToDraft, ready, opened]) {
      await app.receive(delivery.name, delivery.payload);
    }
    expect(await findPr()).toMatchObject({
      draft: false,
      openedAsDraft: true,
      updatedAt: new Date("2019-05-16T10:00:00Z"),
      readyAt: new Date("2019-05-15T17:00:00Z"),
    });
  });

  it("stores a merge and calls onPullRequestMerged once", async () => {
    const [merged] = scenario("merged-pr");
    await app.receive(merged.name, merged.payload);

    expect(await findPr()).toMatchObject({
      state: "merged",
      mergedAt: new Date("2019-05-16T09:30:00Z"),
      closedAt: new Date("2019-05-16T09:30:00Z"),
      mergeCommitSha: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
      additions: 12,
      linkedIssues: ["Codertocat/Hello-World#1", "octo-org/octo-repo#7", "Codertocat/Hello-World#4"],
    });
    expect(app.deps.merged).toEqual([
      { installationId: 1, repoId: 186853002, repo: "Codertocat/Hello-World", number: 2 },
    ]);
  });

  it("does not call the merge hook for a PR closed without merging", async () => {
    await app.receive("pull_request", example("pull_request", "closed"));
    expect(await findPr()).toMatchObject({ state: "closed", mergedAt: null });
    expect(app.deps.merged).toEqual([]);
  });

  it("still succeeds when the merge hook throws, and reports the failure", async () => {
    app.deps.failMergeHook = true;
    const [merged] = scenario("merged-pr");
    await expect(app.receive(merged.name, merged.payload, "merge-delivery")).resolves.toBeUndefined();

    expect(await findPr()).toMatchObject({ state: "merged" });
    expect(app.deps.errors).toHaveLength(1);
    expect(app.deps.errors[0].context).toMatchObject({ deliveryId: "merge-delivery", number: 2 });
  });
});
