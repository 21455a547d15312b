import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildCliBundle, CLI_BUNDLE_DIR } from "../../scripts/cli/build-bundle.js";
import { connectDatabase } from "../../src/storage/connect.js";
import { TEXT_LIMITS } from "../../src/records/bounded-text.js";
import { seedPullRequests, seedRepository } from "../api/seed.js";
import { testMongoUri, useTestDatabase } from "../harness/database.js";

/**
 * The `mergelens` command as it ships, built from the current sources: bin/mergelens.js, the bundle in
 * dist/bin/ and package.json, in a directory with no node_modules (so nothing it needs is left outside
 * the bundle), run as separate node processes against the test database.
 */
const run = promisify(execFile);
const db = useTestDatabase();
const shipped = mkdtempSync(path.join(tmpdir(), "mergelens-cli-"));
const uriOf = (dbName: string) => testMongoUri().replace("/?", `/${dbName}?`);

async function mergelens(dbName: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(shipped, "bin/mergelens.js"), ...args],
      {
        cwd: shipped,
        env: { PATH: process.env.PATH, MONGODB_URI: uriOf(dbName) },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const widgets = { installationId: 1, repoId: 11, repo: "acme/widgets" } as const;

beforeAll(async () => {
  await buildCliBundle(process.cwd(), path.join(shipped, CLI_BUNDLE_DIR));
  mkdirSync(path.join(shipped, "bin"));
  copyFileSync("bin/mergelens.js", path.join(shipped, "bin/mergelens.js"));
  copyFileSync("package.json", path.join(shipped, "package.json"));
  const store = db.store();
  await seedRepository(store, 1, 11, "acme/widgets", { syncStatus: "complete" });
  await seedPullRequests(store, [
    {
      ...widgets,
      number: 1,
      state: "merged",
      createdAt: new Date("2024-05-10T00:00Z"),
      mergedAt: new Date("2024-05-10T06:00Z"),
      metrics: { cycleTimeHours: 6 },
    },
    // Opened with a 5 MB title: stored cut to its bound, as the records step leaves it.
    {
      ...widgets,
      number: 2,
      title: "Huge ".repeat(TEXT_LIMITS.title).slice(0, TEXT_LIMITS.title),
      truncated: ["title"],
      createdAt: new Date("2024-05-20T00:00Z"),
    },
  ]);
}, 120_000);

afterAll(() => rmSync(shipped, { recursive: true, force: true }));

describe("the mergelens bundle, with no node_modules beside it", () => {
  it("prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(await mergelens(db.dbName, "--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("reads the metrics from the database (mongoose, the driver and zod are inside the bundle)", async () => {
    const args = ["--repo", "acme/widgets", "--since", "2024-05-01", "--until", "2024-06-01"];
    const result = await mergelens(db.dbName, "metrics", ...args, "--format", "json");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const { groups } = JSON.parse(result.stdout) as { groups: { key: string; prsMerged: number }[] };
    expect(groups).toEqual([expect.objectContaining({ key: "all", prsMerged: 1 })]);
  });

  it("marks a title stored cut in the prs table, with one line saying where it was cut", async () => {
    const result = await mergelens(db.dbName, "prs", "--repo", "acme/widgets");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const rows = result.stdout.split("\n").filter((line) => line.startsWith("│ #"));
    expect(rows).toEqual([
      expect.stringMatching(/^│ #2 +│ Huge Huge .*… \[cut\] │/),
      expect.not.stringContaining("[cut]"),
    ]);
    expect(result.stdout).toMatch(
      /\n\[cut\] title stored cut to its first 1,024 characters; GitHub has the whole text\n$/,
    );
    const json = await mergelens(db.dbName, "prs", "--repo", "acme/widgets", "--format", "json");
    const { items } = JSON.parse(json.stdout) as { items: { number: number; truncated: string[] }[] };
    expect(items.map(({ number, truncated }) => ({ number, truncated }))).toEqual([
      { number: 2, truncated: ["title"] },
      { number: 1, truncated: [] },
    ]);
  });

  it("writes no cut note when no PR shown was cut", async () => {
    const result = await mergelens(db.dbName, "prs", "--repo", "acme/widgets", "--state", "merged");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("│ #1 ");
    expect(result.stdout).not.toContain("[cut]");
  });

  it("leaves a database that `metrics` only reads as it found it: no collection, no index", async () => {
    const dbName = `${db.dbName}_fresh`;
    const result = await mergelens(dbName, "metrics", "--format", "json");
    const connection = await connectDatabase(testMongoUri(), dbName);
    try {
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(await connection.listCollections()).toEqual([]);
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  });
});
