import path from "node:path";
import type { Logger } from "pino";
import type { Env } from "../config/env.js";
import { connectDatabase } from "../storage/connect.js";
import { startEmbeddedServer, type EmbeddedServer } from "../storage/embedded-server.js";
import { createStore, syncIndexes, type Store } from "../storage/store.js";

export interface OpenDatabase {
  store: Store;
  close(): Promise<void>;
}

/** Where the embedded server keeps its files when MONGODB_URI is unset. */
export const embeddedStoragePath = (projectRoot: string): string => path.join(projectRoot, ".data", "mongo");

export interface OpenOptions {
  /**
   * For a command that only reads: the database is taken as the app left it, with no index sync and no
   * collection created (mongoose's autoCreate). The app does both at start; on the embedded server they
   * cost a short command 0.1–0.3 s.
   */
  readsOnly?: boolean;
}

/** MONGODB_URI when set; otherwise the embedded server, keeping its files under `.data/` (CONTRACT.md). */
export async function openDatabase(
  env: Pick<Env, "MONGODB_URI">,
  log: Logger,
  options: OpenOptions = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let uri = env.MONGODB_URI;
  if (!uri) {
    const projectRoot = process.cwd();
    const storagePath = embeddedStoragePath(projectRoot);
    embedded = await startEmbeddedServer({ storagePath, projectRoot });
    uri = embedded.uri;
    log.info({ storagePath }, "MONGODB_URI is unset: using the embedded database");
  }
  const connection = await connectDatabase(uri, undefined, options.readsOnly ? { autoCreate: false } : {});
  const store = createStore(connection);
  if (!options.readsOnly) await syncIndexes(store);
  return {
    store,
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}
