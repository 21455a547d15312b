import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/**
 * The `mergelens` bin as npm runs it: a separate node process on the bundle in dist/bin/ (`npm run setup`
 * builds it; the Jest global setup builds it when it is missing).
 */
const run = promisify(execFile);
const bin = path.resolve("bin/mergelens.js");

async function mergelens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, MONGODB_URI: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("bin/mergelens.js", () => {
  it("prints the help, naming every command, with exit 0", async () => {
    const result = await mergelens("--help");
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: mergelens") });
    for (const name of ["token", "metrics", "prs", "sync", "backfill"])
      expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("prints package.json's version with exit 0", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(await mergelens("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints a command's own options for `help <command>`", async () => {
    const result = await mergelens("help", "backfill");
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining("--days <n>") });
  });

  it("exits 2 on a bad option value, before opening any database", async () => {
    const result = await mergelens("metrics", "--repo", "acme/widgets", "--until", "tomorrow");
    expect(result).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^mergelens: --until: must be an ISO 8601 date/),
    });
  });
});
