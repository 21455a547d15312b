import {
  aggregatePullRequests,
  type AggregatablePullRequest,
  type GroupBy,
} from "../../src/metrics/aggregate.js";
import { getMetrics } from "../../src/query/metrics.js";
import { useTestDatabase } from "../harness/database.js";
import { human, pullRequestDocument, reviewRecord } from "../harness/factories.js";
import { seedInstallation, seedRepository } from "../api/seed.js";
import { cliRunner } from "./harness.js";

/**
 * `mergelens recompute`: PRs stored before rollups existed (no derived fields, no rollups) get their
 * metrics and rollups from their records; after a config change it applies the new rules. Either way the
 * metrics then equal the direct computation over the stored PRs.
 */
const db = useTestDatabase();
const cli = cliRunner(db.store);
const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;
const t = (iso: string) => new Date(iso);
const range = { since: t("2024-04-29T00:00:00Z"), until: t("2024-05-22T12:00:00Z") };

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
  // As stored before rollups: the records, and PRs with no derived fields at all.
  const prs = [
    { ...widgets, number: 1, createdAt: t("2024-05-01T10:00Z"), mergedAt: t("2024-05-02T10:00Z") },
    { ...widgets, number: 2, createdAt: t("2024-05-08T10:00Z"), mergedAt: t("2024-05-20T16:00Z") },
    { ...widgets, number: 3, createdAt: t("2024-05-21T09:00Z"), mergedAt: null },
    { ...gadgets, number: 1, createdAt: t("2024-05-09T10:00Z"), mergedAt: t("2024-05-13T10:00Z") },
  ].map((pr) =>
    pullRequestDocument({ ...pr, prId: pr.repoId * 100 + pr.number, state: pr.mergedAt ? "merged" : "open" }),
  );
  await store.pullRequests.insertMany(prs);
  const review = (repo: typeof widgets | typeof gadgets, prNumber: number, login: string, at: string) =>
    reviewRecord({
      installationId: repo.installationId,
      repoId: repo.repoId,
      prNumber,
      author: human(login),
      state: "APPROVED",
      submittedAt: t(at),
    });
  await store.reviews.insertMany([
    review(widgets, 1, "bob", "2024-05-01T12:00Z"),
    review(widgets, 1, "ci-helper", "2024-05-01T11:00Z"),
    review(widgets, 2, "ci-helper", "2024-05-09T10:00Z"),
    review(gadgets, 1, "bob", "2024-05-10T10:00Z"),
  ]);
});

const FIELDS =
  "repo author createdAt mergedAt firstReviewAt isRevert isHotfix aiAssisted additions deletions metrics reviewers reviewsByReviewer";

async function expectDirect(groupBy: GroupBy) {
  const store = db.store();
  const prs = await store.pullRequests.find({ installationId: 1 }, FIELDS).lean<AggregatablePullRequest[]>();
  const query = { ...range, groupBy: groupBy === "none" ? undefined : groupBy };
  const answer = await getMetrics(store, 1, query);
  expect(answer).toEqual(aggregatePullRequests(prs, { ...range, groupBy }));
  return answer;
}

const GROUPINGS: GroupBy[] = ["none", "week", "repo", "author", "reviewer"];

describe("mergelens recompute", () => {
  it("derives the metrics and rollups of data stored before rollups, with progress", async () => {
    expect(await db.store().rollups.countDocuments()).toBe(0);
    const result = await cli("recompute");
    expect(result).toMatchObject({
      code: 0,
      stdout: "recomputed 4 PRs and their rollups in 2 repositories\n",
    });
    expect(result.stderr).toContain("[1/2] acme/gadgets: 1/1 PR\n");
    expect(result.stderr).toContain("[2/2] acme/widgets: 3/3 PRs\n");
    expect(await db.store().rollups.countDocuments({ repoId: 11 })).toBe(3);
    for (const groupBy of GROUPINGS) await expectDirect(groupBy);
    const reviewers = await expectDirect("reviewer");
    expect(reviewers.groups.map((group) => [group.key, group.prsMerged])).toEqual([
      ["bob", 2],
      ["ci-helper", 2],
    ]);
  });

  it("applies a changed .github/mergelens.yml to one repository's PRs and rollups", async () => {
    await db
      .store()
      .repositories.updateOne(
        { installationId: 1, repoId: 11 },
        { $set: { config: { bots: ["ci-helper"] }, configFetchedAt: new Date() } },
      );
    const result = await cli("recompute", "--repo", "acme/widgets");
    expect(result).toMatchObject({ code: 0, stdout: "recomputed 3 PRs and their rollups in 1 repository\n" });
    for (const groupBy of GROUPINGS) await expectDirect(groupBy);
    const reviewers = await expectDirect("reviewer");
    // ci-helper is a bot now: no reviewer, and #2, which only it reviewed, counts as unreviewed.
    expect(reviewers.groups.map((group) => [group.key, group.prsMerged])).toEqual([["bob", 2]]);
    expect((await expectDirect("none")).groups[0]).toMatchObject({ prsMerged: 3, reviewedShare: 0.6667 });
  });

  it("recomputes one installation by login, and is a no-op twice over", async () => {
    const before = await expectDirect("author");
    expect(await cli("recompute", "--installation", "acme")).toMatchObject({ code: 0 });
    expect(await expectDirect("author")).toEqual(before);
  });

  it("refuses --repo with --installation (exit 2) and an unknown repository (exit 1)", async () => {
    expect(await cli("recompute", "--repo", "acme/widgets", "--installation", "acme")).toMatchObject({
      code: 2,
    });
    const unknown = await cli("recompute", "--repo", "acme/nothing");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("repository acme/nothing not found");
  });
});
