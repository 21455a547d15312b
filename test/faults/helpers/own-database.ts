import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Connection } from "mongoose";
import { connectDatabase } from "../../../src/storage/connect.js";
import { startEmbeddedServer, type EmbeddedServer } from "../../../src/storage/embedded-server.js";
import { createStore, syncIndexes, type Store } from "../../../src/storage/store.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * A database server of the test file's own, on disk, that the test can stop and start again on the same
 * port (the run's shared server must stay up for every other file). Always the embedded server, even
 * under MONGODB_URI: a fault test needs a server it controls.
 */
export function useOwnDatabaseServer(dbName: string) {
  let server: EmbeddedServer | undefined;
  let connection: Connection | undefined;
  let store: Store | undefined;
  const storagePath = mkdtempSync(path.join(tmpdir(), "mergelens-fault-"));

  const start = async (port?: number) => {
    server = await startEmbeddedServer({ storagePath, projectRoot: PROJECT_ROOT, port });
  };

  beforeAll(async () => {
    await start();
    connection = await connectDatabase(uri(), dbName);
    store = createStore(connection);
    await syncIndexes(store);
  });
  afterAll(async () => {
    await connection?.close(true);
    await server?.stop();
    rmSync(storagePath, { recursive: true, force: true });
  });

  const uri = (): string => {
    if (!server) throw new Error("the fault test's database server is not started yet");
    return server.uri;
  };
  return {
    uri,
    store: (): Store => {
      if (!store) throw new Error("the fault test's database is not open yet");
      return store;
    },
    /** Stops the server (its files stay); clients see the database go away. */
    stop: () => server?.stop() ?? Promise.resolve(),
    /** Starts it again on the same port over the same files. */
    restart: async () => {
      const port = server?.port;
      await start(port);
    },
  };
}

/** Polls a check that may fail while the database is away (a failure counts as "not yet"). */
export const tolerant =
  <T>(check: () => Promise<T>): (() => Promise<T | null>) =>
  () =>
    check().catch(() => null);
