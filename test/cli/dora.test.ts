import { createToken } from "../../src/api/tokens.js";
import { useApiServer } from "../api/harness.js";
import { seedInstallation, seedPullRequests, seedRepository, withConfig } from "../api/seed.js";
import { clearStore, useTestDatabase } from "../harness/database.js";
import { deploymentRecord } from "../harness/factories.js";
import { cliRunner } from "./harness.js";
import { seedDeployments } from "../harness/deployments.js";

/** `mergelens dora`, checked against the API's answer on the same data: the surfaces must agree. */
const db = useTestDatabase();
const now = () => new Date("2024-06-01T00:00:00Z");
const api = useApiServer(db.store, now);
const cli = cliRunner(db.store, now);
let token: string;
const t = (iso: string) => new Date(iso);

const deployed = (deploymentId: number, environment: string, createdAt: string, state: string) =>
  deploymentRecord({
    installationId: 1,
    repoId: 11,
    deploymentId,
    environment,
    createdAt: t(createdAt),
    statuses: [{ statusId: deploymentId, state, createdAt: t(createdAt) }],
  });

beforeEach(async () => {
  const store = db.store();
  await clearStore(store);
  await seedInstallation(store, 1, "acme");
  await seedRepository(store, 1, 11, "acme/widgets", withConfig({ productionEnvironment: "^live$" }));
  token = (await createToken(store, { installationId: 1 })).token;
  await seedPullRequests(store, [
    {
      installationId: 1,
      repoId: 11,
      repo: "acme/widgets",
      number: 1,
      state: "merged",
      createdAt: t("2024-05-20T00:00Z"),
      mergedAt: t("2024-05-21T00:00Z"),
    },
  ]);
  await seedDeployments(store, [
    deployed(1, "live", "2024-05-21T06:00Z", "success"),
    deployed(2, "live", "2024-05-28T00:00Z", "failure"),
    deployed(3, "live", "2024-05-28T12:00Z", "success"),
    // Not production for acme/widgets, whose pattern is ^live$.
    deployed(4, "production", "2024-05-22T00:00Z", "failure"),
  ]);
});

const apiJson = async (path: string) => {
  const response = await api.get(path, token);
  expect(response.status).toBe(200);
  return response.json();
};

describe("mergelens dora", () => {
  it("gives the API's JSON, per week and in total, with the production pattern", async () => {
    const json = await cli("dora", "--repo", "acme/widgets", "--format", "json");
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer).toEqual(await apiJson("/api/v1/dora?repo=acme/widgets"));
    expect(answer).toMatchObject({
      deploymentsCount: 3,
      leadTimeForChangesHours: 30,
      changeFailureRate: 0.3333,
      timeToRestoreHours: 12,
      productionEnvironments: [{ repo: "acme/widgets", pattern: "^live$" }],
    });
  });

  it("needs no --repo when the database holds one installation", async () => {
    const result = await cli("dora", "--since", "2024-05-20", "--until", "2024-06-03", "--format", "json");
    expect(JSON.parse(result.stdout)).toEqual(
      await apiJson("/api/v1/dora?since=2024-05-20&until=2024-06-03"),
    );
  });

  it("prints a table of weeks and the total, and the weeks as CSV", async () => {
    const table = await cli("dora", "--since", "2024-05-20", "--until", "2024-06-03");
    const [title, ...lines] = table.stdout.split("\n");
    expect(title).toMatch(/production environments: \^live\$/);
    expect(lines.find((line) => line.includes("2024-05-20"))).toMatch(/│ 1 +│ 1 +│ 30 +│ 0% +│ - +│/);
    expect(lines.find((line) => line.includes("2024-05-27"))).toMatch(/│ 2 +│ 1 +│ - +│ 50% +│ 12 +│/);
    expect(lines.find((line) => line.includes("all"))).toMatch(/│ 3 +│ 1 +│ 30 +│ 33.3% +│ 12 +│/);

    const csv = await cli("dora", "--since", "2024-05-20", "--until", "2024-06-03", "--format", "csv");
    expect(csv.stdout.trimEnd().split("\n")).toEqual([
      "week,deploymentsCount,deploymentFrequencyPerWeek,leadTimeForChangesHours,changeFailureRate,timeToRestoreHours",
      "2024-05-20,1,1,30,0,",
      "2024-05-27,2,1,,0.5,12",
    ]);
  });

  it("asks for --repo when several installations share the database (exit 2)", async () => {
    await seedInstallation(db.store(), 2, "globex");
    const result = await cli("dora");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toMatch(/several installations \(acme \(1\), globex \(2\)\): give --repo/);
  });

  it("is a usage error for a bad date (exit 2)", async () => {
    const result = await cli("dora", "--since", "last week");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mergelens: --since: must be an ISO 8601 date/);
  });
});
