import type { MongooseUpdateQueryOptions, QueryFilter, UpdateQuery } from "mongoose";

/** The one method used, so every model of the store fits whatever its virtuals and helpers. */
export interface UpsertableModel<T> {
  updateOne(
    filter: QueryFilter<T>,
    update: UpdateQuery<T>,
    options: MongooseUpdateQueryOptions<T> & { upsert: boolean },
  ): { exec(): Promise<unknown> };
}

export type WriteOutcome = "written" | "stale";

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
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
 * Writes `fields` unless the stored document is newer by `versionField` (GitHub's own timestamp, so
 * arrival order does not matter). A stored document without a version is always overwritten. The
 * conditional upsert meets a newer document as a duplicate-key error, which after one retry means
 * "stale, skipped". `guard` adds conditions the stored document must meet to be overwritten.
 * Only `fields` are `$set`; other paths get their schema defaults on insert and are never touched.
 */
export async function upsertIfNewer<T>(
  model: UpsertableModel<T>,
  key: Record<string, unknown>,
  fields: Partial<T>,
  versionField: keyof T & string,
  guard: Record<string, unknown> = {},
): Promise<WriteOutcome> {
  const version = fields[versionField];
  const notNewer =
    version === null || version === undefined
      ? { [versionField]: null }
      : { $or: [{ [versionField]: { $lte: version } }, { [versionField]: null }] };
  const filter = { ...key, $and: [notNewer, guard] } as QueryFilter<T>;
  const update = { $set: fields } as UpdateQuery<T>;
  const written = await upsertWithRetry(() =>
    model.updateOne(filter, update, { upsert: true, setDefaultsOnInsert: true }).exec(),
  );
  return written ? "written" : "stale";
}
