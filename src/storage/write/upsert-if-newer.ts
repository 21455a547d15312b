import { MongoBulkWriteError } from "mongodb";
import type { MongooseUpdateQueryOptions, QueryFilter, UpdateQuery } from "mongoose";
import { hasServerCode, SERVER_CODES } from "../server-errors.js";

/** The methods used, so every model of the store fits whatever its virtuals and helpers. */
export interface UpsertableModel<T> {
  findOne(
    filter: QueryFilter<T>,
    projection: { _id: 1 },
  ): { lean(): { exec(): Promise<{ _id: unknown } | null> } };
  updateOne(
    filter: QueryFilter<T>,
    update: UpdateQuery<T>,
    options: MongooseUpdateQueryOptions<T> & { upsert?: boolean },
  ): { exec(): Promise<{ matchedCount: number; upsertedCount: number }> };
}

export type WriteOutcome = "written" | "stale";

export const isDuplicateKeyError = (error: unknown): boolean =>
  hasServerCode(error, SERVER_CODES.duplicateKey);

/** The indexes of a bulk write's operations that met a duplicate key; any other failure is rethrown. */
export function duplicateKeyIndexes(error: unknown): number[] {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || !writeErrors.every(isDuplicateKeyError)) throw error;
  return writeErrors.map((writeError) => writeError.index);
}

/**
 * Runs an upsert, retrying once on a duplicate-key error: two deliveries inserting the same new
 * document at once collide, and the loser's retry then matches the winner's document.
 * Returns false when the retry collides too.
 */
export async function upsertWithRetry(write: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await write();
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return false;
}

/**
 * The conditions a stored document must meet to be overwritten: not newer than `version` by
 * `versionField` (one without a version always is), and `guard`. Written as plain field conditions
 * for a filter led by the document's _id: with `$and`/`$or`, or without the _id, the embedded server
 * scanned every document of the collection for each write (~190 ms at 20,000 comments, ~5 ms so).
 */
export function overwritable(
  versionField: string,
  version: unknown,
  guard: Record<string, unknown> = {},
): Record<string, unknown> {
  const notNewer = version === null || version === undefined ? null : { $not: { $gt: version } };
  return { [versionField]: notNewer, ...guard };
}

/**
 * Writes `fields` unless the stored document is newer by `versionField` (GitHub's own timestamp, so
 * arrival order does not matter). A stored document without a version is always overwritten.
 * `guard` adds conditions the stored document must meet to be overwritten. Only `fields` are set;
 * other paths get their schema defaults on insert and are never touched.
 *
 * Every write finds its document by a point lookup (see `overwritable`): a new record is inserted on
 * its bare key, and if a concurrent delivery stored it first, the next round compares versions with
 * that document through its _id. A document removed between the read and the write (its repository
 * left the app) is not brought back.
 */
export async function upsertIfNewer<T>(
  model: UpsertableModel<T>,
  key: Record<string, unknown>,
  fields: Partial<T>,
  versionField: keyof T & string,
  guard: Record<string, unknown> = {},
): Promise<WriteOutcome> {
  const conditions = overwritable(versionField, fields[versionField], guard);
  for (let round = 0; round < 3; round += 1) {
    const stored = await model
      .findOne(key as QueryFilter<T>, { _id: 1 })
      .lean()
      .exec();
    try {
      if (!stored) {
        const insert = { $setOnInsert: fields } as UpdateQuery<T>;
        const { upsertedCount } = await model
          .updateOne(key as QueryFilter<T>, insert, { upsert: true, setDefaultsOnInsert: true })
          .exec();
        if (upsertedCount === 1) return "written";
        continue;
      }
      const filter = { _id: stored._id, ...key, ...conditions } as QueryFilter<T>;
      const { matchedCount } = await model.updateOne(filter, { $set: fields } as UpdateQuery<T>, {}).exec();
      return matchedCount === 1 ? "written" : "stale";
    } catch (error) {
      // Two deliveries inserting the same new record at once: the loser compares versions next round.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return "stale";
}
