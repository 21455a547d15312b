import { createToken } from "../../src/api/tokens.js";
import { useTestDatabase } from "../harness/database.js";
import { useApiServer } from "../api/harness.js";
import { seedInstallation, seedPullRequests, seedRepository } from "../api/seed.js";
import { cliRunner } from "./harness.js";

/** The CLI's reads, checked against the API's answers on the same data: the surfaces must agree. */
const db = useTestDatabase();
const now = () => new Date("2024-06-01T00:00:00Z");
const api = useApiServer(db.store, now);
const cli = cliRunner(db.store, now);
let token: string;

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;
const t = (iso: string) => new Date(iso);

beforeAll(async () => {
  const store = db.store();
  await seedInstallation(store, 1, "acme");
  await seedInstallation(store, 2, "globex");
  await seedRepository(store, 1, 11, "acme/widgets", {
    syncStatus: "complete",
    lastSyncAt: t("2024-05-31T04:00Z"),
  });
  await seedRepository(store, 2, 21, "globex/secret", {
    syncStatus: "error",
    lastSyncError: "bad credentials",
  });
  token = (await createToken(store, { installationId: 1 })).token;
  await seedPullRequests(store, [
    {
      ...widgets,
      number: 1,
      title: "Fast fix",
      state: "merged",
      createdAt: t("2024-05-10T00:00Z"),
      mergedAt: t("2024-05-10T06:00Z"),
      metrics: { cycleTimeHours: 6 },
    },
    {
      ...widgets,
      number: 2,
      title: "Slow feature",
      state: "merged",
      createdAt: t("2024-05-12T00:00Z"),
      mergedAt: t("2024-05-20T00:00Z"),
      firstReviewAt: t("2024-05-13T00:00Z"),
      reviewers: ["dave"],
      reviewsByReviewer: [{ login: "dave", count: 2 }],
      metrics: { cycleTimeHours: 192, reviewCount: 2 },
    },
    { ...widgets, number: 3, title: "Still open", createdAt: t("2024-05-25T00:00Z") },
    { installationId: 2, repoId: 21, repo: "globex/secret", number: 1, createdAt: t("2024-05-25T00:00Z") },
  ]);
});

/** A table line's cells, trimmed, without the borders. */
const cells = (line: string | undefined) =>
  (line ?? "")
    .split("│")
    .slice(1, -1)
    .map((cell) => cell.trim());

const apiText = async (path: string) => {
  const response = await api.get(path, token);
  expect(response.status).toBe(200);
  return response.text();
};

describe("mergelens prs", () => {
  it("prints a table by default", async () => {
    const result = await cli("prs", "--repo", "acme/widgets");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.find((line) => line.includes("#3"))).toMatch(/Still open.*alice.*open.*2024-05-25 00:00/);
    expect(lines.find((line) => line.includes("#2"))).toMatch(/Slow feature.*merged.*192/);
  });

  it("gives the API's JSON and CSV", async () => {
    const json = await cli("prs", "--repo", "acme/widgets", "--state", "merged", "--format", "json");
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(await apiText("/api/v1/pulls?repo=acme/widgets&state=merged")),
    );
    const csv = await cli("prs", "--repo", "acme/widgets", "--since", "2024-05-11", "--format", "csv");
    expect(csv.stdout).toBe(await apiText("/api/v1/pulls?repo=acme/widgets&since=2024-05-11&format=csv"));
  });

  it("pages with --limit and --cursor, naming the next cursor on stderr", async () => {
    const first = await cli("prs", "--repo", "acme/widgets", "--limit", "2", "--format", "json");
    const { items, nextCursor } = JSON.parse(first.stdout);
    expect(items.map((pr: { number: number }) => pr.number)).toEqual([3, 2]);
    const table = await cli("prs", "--repo", "acme/widgets", "--limit", "2");
    expect(table.stderr).toBe(`more: add --cursor ${nextCursor}\n`);
    const second = await cli("prs", "--repo", "acme/widgets", "--cursor", nextCursor, "--format", "json");
    expect(JSON.parse(second.stdout)).toMatchObject({ items: [{ number: 1 }], nextCursor: null });
  });

  it.each([
    [["--state", "draft"], /argument 'draft' is invalid/],
    [["--since", "last week"], /^mergelens: --since: must be an ISO 8601 date/],
    [["--limit", "0"], /^mergelens: --limit: must be at least 1\n/],
    [["--format", "xml"], /argument 'xml' is invalid/],
    [["--colour"], /unknown option '--colour'/],
  ])("is a usage error (exit 2): %j", async (args, message) => {
    const result = await cli("prs", "--repo", "acme/widgets", ...args);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toMatch(message);
  });

  it("fails with exit 1 for a repository nobody tracks", async () => {
    const result = await cli("prs", "--repo", "acme/nothing");
    expect([result.code, result.stderr]).toEqual([1, "mergelens: repository acme/nothing not found\n"]);
  });
});

describe("mergelens metrics", () => {
  it("gives the API's JSON and CSV, with the same default range", async () => {
    const json = await cli("metrics", "--repo", "acme/widgets", "--format", "json");
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(await apiText("/api/v1/metrics?repo=acme/widgets")));
    expect(JSON.parse(json.stdout).groups[0]).toMatchObject({ key: "all", prsMerged: 2, prsOpened: 3 });
    const csv = await cli(
      "metrics",
      "--repo",
      "acme/widgets",
      "--group-by",
      "week",
      "--since",
      "2024-05-06",
      "--format",
      "csv",
    );
    expect(csv.stdout).toBe(
      await apiText("/api/v1/metrics?repo=acme/widgets&groupBy=week&since=2024-05-06&format=csv"),
    );
  });

  it("prints a compact table with the range: counts, and the main times as median / p75", async () => {
    const result = await cli(
      "metrics",
      "--repo",
      "acme/widgets",
      "--group-by",
      "week",
      "--since",
      "2024-05-06T00:00:00Z",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "acme/widgets, PRs merged in [2024-05-06T00:00:00.000Z → 2024-06-01T00:00:00.000Z)\n" +
        "times in hours as median / p75; --wide for every figure\n",
    );
    const lines = result.stdout.split("\n");
    expect(cells(lines.find((line) => line.startsWith("│ group")))).toEqual([
      "group",
      "merged",
      "opened",
      "cycle h",
      "coding h",
      "pickup h",
      "review h",
    ]);
    expect(cells(lines.find((line) => line.startsWith("│ 2024-05-06")))).toEqual([
      "2024-05-06",
      "1",
      "2",
      "6 / 6",
      "-",
      "-",
      "-",
    ]);
    // One rule under the header, none between rows, and narrow enough for a terminal.
    expect(lines.filter((line) => line.startsWith("├"))).toHaveLength(1);
    const table = lines.filter((line) => /^[┌│├└]/.test(line));
    expect(Math.max(...table.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it("prints every figure with --wide", async () => {
    const args = ["metrics", "--repo", "acme/widgets", "--group-by", "reviewer", "--wide"];
    const result = await cli(...args);
    expect(result.stdout).toContain("durations as median / p75 / p90 / mean (PRs with a value)");
    const row = cells(result.stdout.split("\n").find((line) => line.startsWith("│ dave")));
    // dave reviewed #2: opened and merged in the range, 192 h cycle time, reviewed, his 2 reviews.
    expect(row.slice(0, 13)).toEqual([
      "dave",
      "1",
      "1",
      "100%",
      "1",
      "2",
      "0",
      "0",
      "0%",
      "0",
      "0",
      "-",
      "192 / 192 / 192 / 192 (1)",
    ]);
    expect(row).toHaveLength(18);
  });

  it("groups by reviewer like the API, in a table, JSON and CSV", async () => {
    const args = ["metrics", "--repo", "acme/widgets", "--group-by", "reviewer"];
    const table = await cli(...args);
    expect(cells(table.stdout.split("\n").find((line) => line.startsWith("│ dave")))).toEqual([
      "dave",
      "1",
      "1",
      "192 / 192",
      "-",
      "-",
      "-",
    ]);
    const path = "/api/v1/metrics?repo=acme/widgets&groupBy=reviewer";
    expect(JSON.parse((await cli(...args, "--format", "json")).stdout)).toEqual(
      JSON.parse(await apiText(path)),
    );
    expect((await cli(...args, "--format", "csv")).stdout).toBe(await apiText(`${path}&format=csv`));
  });

  it("covers every repository without --repo: one row per repository with --group-by repo", async () => {
    const result = await cli("metrics", "--group-by", "repo", "--format", "json");
    expect(result.code).toBe(0);
    const groups = JSON.parse(result.stdout).groups as { key: string; prsOpened: number }[];
    expect(groups.map((group) => [group.key, group.prsOpened])).toEqual([
      ["acme/widgets", 3],
      ["globex/secret", 1],
    ]);
    const table = await cli("metrics", "--group-by", "repo");
    expect(table.stdout).toMatch(/^all repositories of 2 installations, PRs merged in/);
    expect(table.stdout).toMatch(/│ globex\/secret/);
  });

  it("narrows to one installation with --installation, giving what its token gets from the API", async () => {
    const json = await cli("metrics", "--installation", "acme", "--group-by", "repo", "--format", "json");
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(await apiText("/api/v1/metrics?groupBy=repo")));
    const table = await cli("metrics", "--installation", "1");
    expect(table.stdout).toMatch(/^all repositories of installation 1, /);
    const both = await cli("metrics", "--installation", "1", "--repo", "acme/widgets");
    expect([both.code, both.stderr]).toEqual([
      2,
      "mergelens: give --repo or --installation, not both\n(add --help for usage)\n",
    ]);
  });

  it("is a usage error (exit 2) for a reversed range", async () => {
    const result = await cli(
      "metrics",
      "--repo",
      "acme/widgets",
      "--since",
      "2024-05-02",
      "--until",
      "2024-05-01",
    );
    expect([result.code, result.stderr]).toEqual([
      2,
      "mergelens: --since: must be before --until\n(add --help for usage)\n",
    ]);
  });

  it("reports commander's usage errors in the same style", async () => {
    const result = await cli("metrics", "--group-by", "team");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mergelens: option '--group-by <key>' argument 'team' is invalid\./);
    expect(result.stderr).toMatch(/\n\(add --help for usage\)\n$/);
  });
});

describe("mergelens sync status", () => {
  it("lists every installation's repositories", async () => {
    const result = await cli("sync", "status", "--format", "json");
    expect(JSON.parse(result.stdout)).toEqual({
      repos: [
        {
          installationId: 1,
          repo: "acme/widgets",
          status: "complete",
          lastSyncAt: "2024-05-31T04:00:00.000Z",
          lastError: null,
          prsStored: 3,
        },
        {
          installationId: 2,
          repo: "globex/secret",
          status: "error",
          lastSyncAt: null,
          lastError: "bad credentials",
          prsStored: 1,
        },
      ],
      inbox: { pending: 0, oldestPendingAt: null, oldestPendingAgeSeconds: null, setAside: 0 },
    });
  });

  it("narrows to one installation, matching the API", async () => {
    const result = await cli("sync", "status", "--installation", "acme", "--format", "json");
    const apiRepos = JSON.parse(await apiText("/api/v1/sync")).repos;
    expect(JSON.parse(result.stdout).repos).toEqual(
      apiRepos.map((repo: object) => ({ installationId: 1, ...repo })),
    );
    const table = await cli("sync", "status");
    expect(table.stdout).toMatch(/globex\/secret.*error.*bad credentials/);
    expect(table.stdout).toMatch(/\nWebhook inbox: 0 pending, 0 set aside\n$/);
  });
});

describe("help", () => {
  it.each([
    ["token", "create"],
    ["token", "list"],
    ["token", "revoke"],
    ["metrics"],
    ["prs"],
    ["sync", "status"],
  ])("%s %s --help exits 0", async (...command) => {
    const result = await cli(...command.filter(Boolean), "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: mergelens ${command.filter(Boolean).join(" ")}`);
  });

  it("is a usage error (exit 2) for an unknown command", async () => {
    const result = await cli("deploy");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'deploy'/);
  });
});
