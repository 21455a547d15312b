import mongoose, { type Connection, type ConnectOptions } from "mongoose";

/** Opens a dedicated connection (not mongoose's global one), so tests and workers each own theirs. */
export async function connectDatabase(
  uri: string,
  dbName?: string,
  options: ConnectOptions = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    ...options,
  });
  await connection.asPromise();
  return connection;
}
