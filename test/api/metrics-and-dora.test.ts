import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "./harness.js";
import { seedInstallation, seedPullRequests, seedRepository, withConfig } from "./seed.js";
import { seedDeployments } from "../harness/deployments.js";

const db = useTestDatabase();
const now = new Date("2024-06-01T00:00:00Z");
const api = useApiServer(db.store, () => now);
let acme: string;
let initech: string;

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const gadgets = { installationId: 1, repoId: 12, repo: "acme/gadgets" } as const;
const shipping = { installationId: 3, repoId: 31, repo: "initech/shipping" } as const;
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "globex");
  await seedInstallation(store, 3, "initech");
  await seedRepository(store, 1, 11, "acme/widgets");
  await seedRepository(store, 1, 12, "acme/gadgets");
  await seedRepository(store, 2, 21, "globex/secret");
  await seedRepository(store, 3, 31, "initech/shipping");
  await seedRepository(store, 3, 32, "initech/live", withConfig({ productionEnvironment: "^live$" }));
  acme = (await createToken(store, { installationId: 1 })).token;
  initech = (await createToken(store, { installationId: 3 })).token;
  const merged = (createdAt: string, mergedAt: string, cycleTimeHours: number) => ({
    state: "merged" as const,
    createdAt: t(createdAt),
    mergedAt: t(mergedAt),
    metrics: { cycleTimeHours },
  });
  await seedPullRequests(store, [
    {
      ...widgets,
      number: 1,
      ...merged("2024-05-18T00:00Z", "2024-05-20T10:00Z", 10),
      firstReviewAt: t("2024-05-19T00:00Z"),
      reviewers: ["bob", "carol"],
      reviewsByReviewer: [
        { login: "bob", count: 2 },
        { login: "carol", count: 1 },
      ],
    },
    { ...widgets, number: 2, ...merged("2024-05-24T00:00Z", "2024-05-25T10:00Z", 30) },
    { ...gadgets, number: 1, ...merged("2024-04-01T00:00Z", "2024-05-28T10:00Z", 50), isRevert: true },
    { ...widgets, number: 3, ...merged("2024-04-19T00:00Z", "2024-04-20T10:00Z", 1000) },
    { ...widgets, number: 4, createdAt: t("2024-05-30T00:00Z") },
    {
      installationId: 2,
      repoId: 21,
      repo: "globex/secret",
      number: 1,
      ...merged("2024-05-20T00:00Z", "2024-05-21T00:00Z", 7),
      reviewers: ["mallory"],
      reviewsByReviewer: [{ login: "mallory", count: 1 }],
    },
    // Its first commit (below) as the convert step derives it onto the PR: where its lead time starts.
    {
      ...shipping,
      number: 1,
      ...merged("2024-05-01T12:00Z", "2024-05-02T00:00Z", 12),
      firstCommitAt: t("2024-05-01T00:00Z"),
    },
    { ...shipping, number: 2, ...merged("2024-05-05T00:00Z", "2024-05-06T00:00Z", 24) },
  ]);
  await store.commits.create({
    installationId: 3,
    repoId: 31,
    prNumber: 1,
    sha: "c1",
    authoredAt: t("2024-05-01T00:00Z"),
    committedAt: t("2024-05-01T00:00Z"),
  });
  const deployment = (
    id: number,
    installationId: number,
    environment: string,
    createdAt: string,
    state: string,
    repoId = installationId === 3 ? 31 : 21,
  ) => ({
    installationId,
    repoId,
    deploymentId: id,
    environment,
    sha: `s${id}`,
    ref: "main",
    creator: null,
    createdAt: t(createdAt),
    updatedAt: t(createdAt),
    statuses: [{ statusId: id, state, createdAt: t(createdAt) }],
  });
  await seedDeployments(store, [
    deployment(1, 3, "production", "2024-05-02T12:00Z", "success"),
    deployment(2, 3, "Production", "2024-05-07T00:00Z", "failure"),
    deployment(3, 3, "prod", "2024-05-07T06:00Z", "success"),
    deployment(4, 3, "staging", "2024-05-06T01:00Z", "success"),
    deployment(5, 2, "production", "2024-05-06T02:00Z", "success"),
    // initech/live calls production "live": its "production" is not production.
    deployment(6, 3, "live", "2024-05-03T00:00Z", "success", 32),
    deployment(7, 3, "production", "2024-05-04T00:00Z", "failure", 32),
  ]);
});

const getJson = async (path: string, token = acme) => {
  const response = await api.get(path, token);
  expect(response.status).toBe(200);
  return response.json();
};

describe("GET /api/v1/metrics", () => {
  it("covers the 30 days before now by default, over merged PRs of the installation", async () => {
    const body = await getJson("/api/v1/metrics");
    expect(body).toMatchObject({
      since: "2024-05-02T00:00:00.000Z",
      until: "2024-06-01T00:00:00.000Z",
      groupBy: "none",
    });
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({
      key: "all",
      prsMerged: 3,
      prsOpened: 3,
      reviewedShare: 0.3333,
      revertCount: 1,
      cycleTimeHours: { count: 3, median: 30, p75: 40, p90: 46, mean: 30 },
    });
  });

  it("groups by repository", async () => {
    const body = await getJson("/api/v1/metrics?groupBy=repo");
    expect(
      body.groups.map((g: { key: string; prsMerged: number; prsOpened: number }) => [
        g.key,
        g.prsMerged,
        g.prsOpened,
      ]),
    ).toEqual([
      ["acme/gadgets", 1, 0],
      ["acme/widgets", 2, 3],
    ]);
  });

  it("groups by reviewer: each merged PR in the group of each of its reviewers", async () => {
    const body = await getJson("/api/v1/metrics?groupBy=reviewer");
    expect(body.groupBy).toBe("reviewer");
    // widgets#1 only: the other PRs have no reviewer, and globex's mallory is another installation's.
    expect(body.groups).toEqual([
      expect.objectContaining({
        key: "bob",
        prsMerged: 1,
        prsOpened: 1,
        prsReviewed: 1,
        reviewsSubmitted: 2,
      }),
      expect.objectContaining({ key: "carol", prsMerged: 1, prsReviewed: 1, reviewsSubmitted: 1 }),
    ]);
    expect(body.groups[0].cycleTimeHours).toEqual({ count: 1, median: 10, p75: 10, p90: 10, mean: 10 });
    const csv = await (await api.get("/api/v1/metrics?groupBy=reviewer&format=csv", acme)).text();
    const [header, ...rows] = csv.trimEnd().split("\n");
    const columns = header.split(",");
    expect(rows.map((row) => row.split(",")[columns.indexOf("reviewsSubmitted")])).toEqual(["2", "1"]);
  });

  it("groups by ISO week of mergedAt within an explicit range", async () => {
    const body = await getJson("/api/v1/metrics?groupBy=week&since=2024-05-20&until=2024-06-01");
    expect(body.groups.map((g: { key: string; prsMerged: number }) => [g.key, g.prsMerged])).toEqual([
      ["2024-05-20", 2],
      ["2024-05-27", 1],
    ]);
  });

  it("filters by repository", async () => {
    const body = await getJson(
      "/api/v1/metrics?repo=acme/widgets&since=2024-04-01T00:00:00Z&until=2024-05-01T00:00:00Z",
    );
    expect(body.groups[0]).toMatchObject({
      prsMerged: 1,
      prsOpened: 1,
      cycleTimeHours: { count: 1, median: 1000 },
    });
  });

  it("returns the groups as CSV", async () => {
    const response = await api.get("/api/v1/metrics?groupBy=repo&format=csv", acme);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = (await response.text()).trimEnd().split("\n");
    const columns = header.split(",");
    expect(columns.slice(0, 3)).toEqual(["key", "prsMerged", "prsOpened"]);
    expect(columns).toEqual(
      expect.arrayContaining(["cycleTimeHours.median", "cycleTimeHours.p90", "reviewedShare"]),
    );
    expect(rows.map((row) => row.split(",")[0])).toEqual(["acme/gadgets", "acme/widgets"]);
    expect(rows[1].split(",")[columns.indexOf("cycleTimeHours.median")]).toBe("20");
  });

  it("keeps the CSV header when no group exists", async () => {
    const csv = await (
      await api.get("/api/v1/metrics?groupBy=author&since=2020-01-01&until=2020-02-01&format=csv", acme)
    ).text();
    expect(csv.trimEnd().split("\n")).toEqual([expect.stringMatching(/^key,prsMerged,prsOpened,/)]);
  });
});

describe("GET /api/v1/dora", () => {
  it("computes the delivery figures from stored PRs, commits and production deployments", async () => {
    const body = await getJson(
      "/api/v1/dora?repo=initech/shipping&since=2024-05-01&until=2024-05-15",
      initech,
    );
    expect(body).toEqual({
      since: "2024-05-01T00:00:00.000Z",
      until: "2024-05-15T00:00:00.000Z",
      deploymentsCount: 3,
      deploymentFrequencyPerWeek: 1,
      leadTimeForChangesHours: 45,
      changeFailureRate: 0.3333,
      timeToRestoreHours: 6,
      weeks: [
        expect.objectContaining({ week: "2024-04-29", deploymentsCount: 1, deploymentFrequencyPerWeek: 1.4 }),
        expect.objectContaining({
          week: "2024-05-06",
          deploymentsCount: 2,
          deploymentFrequencyPerWeek: 1,
          changeFailureRate: 0.5,
          timeToRestoreHours: 6,
        }),
        // Two days of the range, no deployment: a real zero, and no failure rate.
        expect.objectContaining({
          week: "2024-05-13",
          deploymentsCount: 0,
          deploymentFrequencyPerWeek: 0,
          changeFailureRate: null,
        }),
      ],
      productionEnvironments: [{ repo: "initech/shipping", pattern: "^prod(uction)?$" }],
    });
  });

  it("takes production to be what each repository's config says", async () => {
    const live = await getJson("/api/v1/dora?repo=initech/live&since=2024-05-01&until=2024-05-15", initech);
    expect(live).toMatchObject({
      deploymentsCount: 1,
      changeFailureRate: 0,
      productionEnvironments: [{ repo: "initech/live", pattern: "^live$" }],
    });
    const all = await getJson("/api/v1/dora?since=2024-05-01&until=2024-05-15", initech);
    expect(all).toMatchObject({ deploymentsCount: 4, changeFailureRate: 0.25 });
  });

  it("sees no deployment of another installation", async () => {
    const body = await getJson("/api/v1/dora?since=2024-05-01&until=2024-05-15");
    expect(body).toMatchObject({ deploymentsCount: 0, changeFailureRate: null });
  });
});
