import { randomUUID } from "node:crypto";
import { connectDatabase } from "../src/storage/connect.js";
import { startEmbeddedServer } from "../src/storage/embedded-server.js";
import { createStore, syncIndexes, type Store } from "../src/storage/store.js";

/** The run's MongoDB-protocol server: MONGODB_URI when set, otherwise a throw-away embedded one. */
export interface BenchServer {
  uri: string;
  /** "MONGODB_URI" or "embedded SecantusDB (:memory:)", for the results file. */
  kind: string;
  stop(): Promise<void>;
}

export async function startBenchServer(projectRoot: string): Promise<BenchServer> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, kind: "MONGODB_URI", stop: async () => undefined };
  // In memory the cache is all the room there is: the default 1 GB fills at about 140,000 PRs.
  const server = await startEmbeddedServer({ storagePath: ":memory:", projectRoot, cacheSize: "8G" });
  return { uri: server.uri, kind: "embedded SecantusDB (:memory:)", stop: server.stop };
}

export interface BenchDatabase {
  name: string;
  store: Store;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** A fresh database for one measurement, with the app's indexes, dropped afterwards. */
export async function openBenchDatabase(uri: string, purpose: string): Promise<BenchDatabase> {
  const name = `bench_${purpose}_${randomUUID().slice(0, 8)}`;
  const connection = await connectDatabase(uri, name);
  const store = createStore(connection);
  await syncIndexes(store);
  return {
    name,
    store,
    drop: async () => {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}

/** `uri` with its database path set to `name`, for a child process that opens the database itself. */
export function uriForDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}
