/**
 * Whether an error means the database could not be reached (down, restarting, failing over) rather
 * than that the work itself is wrong: such work is retried as it is, without counting an attempt.
 */
const UNAVAILABLE = new Set([
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoServerSelectionError",
  "MongooseServerSelectionError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "PoolClearedError",
  "PoolClearedOnNetworkError",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (UNAVAILABLE.has(current.name)) return true;
    // mongoose's buffering gives up with a plain MongooseError.
    if (
      current.name === "MongooseError" &&
      /buffering timed out|Connection was force closed/.test(current.message)
    )
      return true;
    const labels = (current as { errorLabels?: unknown }).errorLabels;
    if (Array.isArray(labels) && labels.includes("ResetPool")) return true;
    current = current.cause;
  }
  return false;
}
