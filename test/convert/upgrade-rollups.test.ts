import { upgradeRollups } from "../../src/convert/upgrade-rollups.js";
import { aggregatePullRequests } from "../../src/metrics/aggregate.js";
import { getMetrics } from "../../src/query/metrics.js";
import { ROLLUP_LAYOUT } from "../../src/storage/models/rollup.js";
import { countPullRequests } from "../../src/storage/rollups/count-pull-requests.js";
import { seedInstallation, seedPullRequests, seedRepository } from "../api/seed.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { human } from "../harness/factories.js";

const db = useTestDatabase();
const t = (iso: string) => new Date(iso);
const repo = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const range = { since: t("2024-04-29T00:00:00Z"), until: t("2024-05-20T00:00:00Z") };

beforeEach(async () => {
  const store = db.store();
  await clearStore(store);
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, repo.repo);
  await seedPullRequests(
    store,
    [1, 2, 3].map((number) => ({
      ...repo,
      number,
      author: human(number === 1 ? "alice" : "bob"),
      state: "merged" as const,
      createdAt: t(`2024-05-0${number}T10:00Z`),
      mergedAt: t(`2024-05-${10 + number}T10:00Z`),
      metrics: { cycleTimeHours: number * 10 },
    })),
  );
});

describe("upgradeRollups", () => {
  it("rebuilds rollups of earlier layouts: slices, counts and installation-weeks' slices rebuilt", async () => {
    const store = db.store();
    // Three weeks: the one opening all three PRs, and two of merges (May 11 and 12, then May 13).
    // What layout 2 stored: people and days in the rollup itself, no slices.
    await store.rollups.collection.updateMany({}, { $set: { layout: 2, authors: Buffer.from("[]") } });
    await store.rollupSlices.deleteMany({});
    // What layout 6 stored: an installation-week's sums in its own document, no week slices or counts.
    await store.weekRollups.collection.updateMany({}, { $set: { total: Buffer.from("x") } });
    await store.weekSlices.deleteMany({});

    expect(await upgradeRollups(store)).toBe(3);
    const rollups = await store.rollups.collection.find({}).toArray();
    expect(rollups.map((rollup) => [rollup.layout, "authors" in rollup])).toEqual([
      [ROLLUP_LAYOUT, false],
      [ROLLUP_LAYOUT, false],
      [ROLLUP_LAYOUT, false],
    ]);
    expect(await store.rollupSlices.countDocuments({ data: { $exists: true } })).toBe(18);
    expect(await store.weekRollups.countDocuments({ total: { $exists: true } })).toBe(0);
    expect(await store.weekSlices.countDocuments({ data: { $exists: true } })).toBe(21);
    expect(await countPullRequests(store, 1)).toEqual(new Map([[11, 3]]));
    const prs = await store.pullRequests.find({}).lean();
    const query = { ...range, groupBy: "author" as const };
    expect(await getMetrics(store, 1, query)).toEqual(aggregatePullRequests(prs, query));
    expect(await upgradeRollups(store)).toBe(0);
  });
});
