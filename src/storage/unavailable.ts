import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";

/** mongoose's own spellings: its server selection error, and a command parked past `bufferTimeoutMS`. */
const MONGOOSE_UNAVAILABLE = /^MongooseServerSelectionError$/;
const BUFFERING_TIMED_OUT = /buffering timed out/;

function isUnavailableItself(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  ) {
    return true;
  }
  return (
    error instanceof Error &&
    (MONGOOSE_UNAVAILABLE.test(error.name) ||
      (error.name === "MongooseError" && BUFFERING_TIMED_OUT.test(error.message)))
  );
}

/**
 * Whether an error says "the database did not answer" (down, unreachable, restarting) rather than "the
 * database refused this": the first is no fault of the work and worth retrying as soon as it is back.
 * Follows `cause` and AggregateError's list, since writers may wrap the driver's error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  if (isUnavailableItself(error)) return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))
  )
    return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
