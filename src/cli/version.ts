import { readFileSync } from "node:fs";

/**
 * package.json's version; the file sits two levels up from src/cli, dist/cli and the bundle in dist/bin.
 * Checked by hand, not with zod: loading zod would cost `--version` 0.2 s of its 0.5 s budget.
 */
export function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version !== "string") throw new Error("package.json has no version");
  return version;
}
