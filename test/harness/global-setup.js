import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tsImport } from "tsx/esm/api";

/**
 * One real MongoDB-protocol server for the whole run (STACK.md's order): MONGODB_URI when given,
 * otherwise the embedded SecantusDB, installed by `npm run setup` (run here first if it never was, so
 * `npm ci && npm test` works on a fresh machine). Each test file then uses its own database.
 * Jest loads global setup outside its transform, so the TypeScript module is loaded through tsx.
 * The bin's tests run the compiled CLI: built here when `npm run setup` never built it.
 */
export default async function globalSetup() {
  // The CLI bundle is the build's last step: when it is there, the build ran.
  if (!existsSync("dist/bin/mergelens.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const embedded = await tsImport("../../src/storage/embedded-server.ts", import.meta.url);
  try {
    embedded.findServerBinary(process.cwd());
  } catch {
    execFileSync("bash", ["scripts/setup.sh"], { stdio: "inherit" });
  }
  const server = await embedded.startEmbeddedServer({ storagePath: ":memory:", projectRoot: process.cwd() });
  process.env.TEST_MONGODB_URI = server.uri;
  globalThis.__mongoServer = server;
}
