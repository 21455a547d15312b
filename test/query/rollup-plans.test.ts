import { recomputeRepositories } from "../../src/convert/recompute.js";
import type { GroupBy } from "../../src/metrics/aggregate.js";
import { getDora } from "../../src/query/dora.js";
import { getMetrics, getMetricsOfInstallations } from "../../src/query/metrics.js";
import { seedInstallation, seedPullRequests, seedRepository } from "../api/seed.js";
import { seedDeployments } from "../harness/deployments.js";
import { deploymentRecord, human } from "../harness/factories.js";
import { isPointWrite, useMonitoredDatabase } from "../harness/query-plans.js";

/**
 * Every read the metrics and DORA queries and the rollup (and deployment week) upkeep send rides an index: a scan would cost a pass
 * over every PR (or rollup) per request on the embedded server, the cost issue 10 measured.
 */
const db = useMonitoredDatabase();
const t = (iso: string) => new Date(iso);
const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, widgets.repo);
  await seedRepository(store, 1, 12, gadgets.repo);
  await seedPullRequests(
    store,
    [widgets, gadgets].flatMap((repo) =>
      [1, 2, 3].map((number) => ({
        ...repo,
        number,
        author: human(number === 1 ? "alice" : "bob"),
        state: "merged" as const,
        createdAt: t(`2024-05-0${number}T10:00Z`),
        mergedAt: t(`2024-05-${10 + number}T10:00Z`),
        reviewsByReviewer: [{ login: "carol", count: 1, key: "id:3" as const }],
        metrics: { cycleTimeHours: number * 10 },
      })),
    ),
  );
  await seedDeployments(
    store,
    [widgets, gadgets].flatMap((repo) =>
      ["2024-05-11T12:00Z", "2024-05-20T12:00Z"].map((at) =>
        deploymentRecord({
          installationId: 1,
          repoId: repo.repoId,
          createdAt: t(at),
          statuses: [{ statusId: null, state: "success", createdAt: t(at) }],
        }),
      ),
    ),
  );
});

const GROUPINGS: (Exclude<GroupBy, "none"> | undefined)[] = [undefined, "week", "repo", "author", "reviewer"];

it("the metrics and DORA queries and recompute read on indexes and write by key", async () => {
  const store = db.store();
  db.sent.length = 0;
  // Partial weeks at both ends, and whole weeks between: rollups and PRs both read.
  const range = { since: t("2024-04-30T12:00:00Z"), until: t("2024-05-16T06:00:00Z") };
  for (const groupBy of GROUPINGS) {
    await getMetrics(store, 1, { ...range, groupBy });
    await getMetrics(store, 1, { ...range, groupBy, repo: widgets.repo });
    await getMetricsOfInstallations(store, [1], { ...range, groupBy });
  }
  await getDora(store, 1, range);
  await getDora(store, 1, { ...range, repo: widgets.repo });
  await recomputeRepositories(store, [{ ...widgets, fullName: widgets.repo }], () => undefined);

  const checked = [
    "rollups",
    "rollup_slices",
    "week_rollups",
    "pull_requests",
    "repositories",
    "deployments",
    "deployment_weeks",
  ];
  const sent = db.sent.filter((one) => checked.includes(one.collection));
  expect(new Set(sent.map((one) => one.collection))).toEqual(new Set(checked));
  // Names given in any case are looked up by the repository resolver, outside this check.
  const finds = sent.filter((one) => one.kind === "find" && !JSON.stringify(one.filter).includes("$regex"));
  expect(await db.collectionScans(finds)).toEqual([]);
  const writes = sent.filter((one) => one.kind === "update");
  expect(writes.filter((one) => one.collection === "rollups")).not.toHaveLength(0);
  expect(writes.filter((one) => one.collection === "rollup_slices")).not.toHaveLength(0);
  expect(writes.filter((one) => one.collection === "week_rollups")).not.toHaveLength(0);
  expect(writes.filter((one) => !isPointWrite(one)).map((one) => JSON.stringify(one.filter))).toEqual([]);
});
