import { tsImport } from "tsx/esm/api";

/**
 * One real MongoDB-protocol server for the whole run (STACK.md's order): MONGODB_URI when given,
 * otherwise the embedded SecantusDB from `npm run setup`. Each test file then uses its own database.
 * Jest loads global setup outside its transform, so the TypeScript module is loaded through tsx.
 */
export default async function globalSetup() {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const { startEmbeddedServer } = await tsImport("../../src/storage/embedded-server.ts", import.meta.url);
  const server = await startEmbeddedServer({ storagePath: ":memory:", projectRoot: process.cwd() });
  process.env.TEST_MONGODB_URI = server.uri;
  globalThis.__mongoServer = server;
}
