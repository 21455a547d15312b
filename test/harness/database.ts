import { randomUUID } from "node:crypto";
import type { ConnectOptions, Connection } from "mongoose";
import { connectDatabase } from "../../src/storage/connect.js";
import { createStore, syncIndexes, type Store } from "../../src/storage/store.js";

export function testMongoUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error("TEST_MONGODB_URI is not set: run the tests through `npm test`");
  return uri;
}

/**
 * A fresh database for this test file on the run's real MongoDB-protocol server, dropped afterwards.
 * `options` go to the driver (e.g. `monitorCommands`).
 */
export function useTestDatabase(options: ConnectOptions = {}): {
  store: () => Store;
  connection: () => Connection;
  dbName: string;
} {
  const dbName = `test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  let connection: Connection | undefined;
  let store: Store | undefined;

  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), dbName, options);
    store = createStore(connection);
    await syncIndexes(store);
  });

  afterAll(async () => {
    await connection?.dropDatabase().catch(() => undefined);
    await connection?.close();
  });

  return {
    dbName,
    store: () => {
      if (!store) throw new Error("the test database is not open yet (use it inside a test or hook)");
      return store;
    },
    connection: () => {
      if (!connection) throw new Error("the test database is not open yet");
      return connection;
    },
  };
}

/** Empties every collection, for tests that want a clean slate without a new database. */
export async function clearStore(store: Store): Promise<void> {
  await Promise.all(Object.values(store.db.models).map((model) => model.deleteMany({})));
}
