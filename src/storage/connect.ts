import mongoose, { type Connection } from "mongoose";

/** Opens a dedicated connection (not mongoose's global one), so tests and workers each own theirs. */
export async function connectDatabase(uri: string, dbName?: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}
