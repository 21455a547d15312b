import type { MongoBulkWriteError } from "mongodb";
import { alreadyInSet, unchangedFields } from "./unchanged-fields.js";
import { duplicateKeyIndexes, overwritable } from "./upsert-if-newer.js";

/** One write of a bulk: `filter` with upsert, so a document that does not match is inserted. */
interface Write {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
}

/** What a bulk write reports: by op index, the ids of the documents it inserted. */
interface BulkResult {
  upsertedIds?: Record<number, unknown>;
}

/** The one method used, so every model of the store fits (as webhooks' UpsertableModel does). */
interface BulkModel {
  bulkWrite(
    ops: Array<{ updateOne: Write & { upsert: true } }>,
    options: { ordered: false; throwOnValidationError: true },
  ): Promise<BulkResult>;
}

/** A record to store, versioned like webhooks' `upsertIfNewer` by one of GitHub's timestamps. */
export interface VersionedUpsert {
  /** The document's unique key. */
  key: Record<string, unknown>;
  update: Record<string, unknown>;
  versionField: string;
  version: Date | null;
  /** Conditions the stored document must meet to be overwritten (a dismissed review stays dismissed). */
  guard?: Record<string, unknown>;
}

/** What is stored under an op's key: its version, whether it fails the op's guard, and its _id. */
export interface Stored {
  version: Date | null;
  guarded: boolean;
  /** Leads a guarded write's filter (see webhooks' `overwritable`). */
  id?: unknown;
  /** The stored document, when read whole: a rewrite at the same version that changes nothing is skipped. */
  document?: object;
}

interface UpsertOutcome {
  /** Ops not written because the stored document is newer (or guarded). */
  stale: Set<number>;
}

const time = (date: Date | null) => date?.getTime() ?? null;

/**
 * Whether an op's update would leave the stored document as it is (`$set` and `$addToSet` `$each` only,
 * the shapes the write policies send). An update rewrites every index entry of its document, and a
 * webhook batch re-sends many records unchanged (each PR's reviews, comments and runs with every event).
 */
function changesNothing(update: Record<string, unknown>, document: object | undefined): boolean {
  if (document === undefined) return false;
  const { $set, $addToSet, ...other } = update as {
    $set?: Record<string, unknown>;
    $addToSet?: Record<string, { $each?: unknown[] }>;
  };
  if (Object.keys(other).length > 0 || !unchangedFields(document, $set ?? {})) return false;
  return Object.entries($addToSet ?? {}).every(
    ([field, value]) => Array.isArray(value.$each) && alreadyInSet(document, field, value.$each),
  );
}

/**
 * webhooks' `upsertIfNewer` filter: overwrite unless the stored document is newer or fails the guard.
 * By `_id` alone when it is known (the key is the same document's): on the embedded server, an `_id`
 * beside the key's fields costs an update about half again as much as either alone.
 */
function newerOrEqual(op: VersionedUpsert, id: unknown): Record<string, unknown> {
  return {
    ...(id === undefined ? op.key : { _id: id }),
    ...overwritable(op.versionField, op.version, op.guard),
  };
}

/** Indexes (into `writes`) of the writes that met an existing key. */
async function colliding(model: BulkModel, writes: Write[]): Promise<number[]> {
  if (writes.length === 0) return [];
  try {
    await model.bulkWrite(
      writes.map((write) => ({ updateOne: { ...write, upsert: true } })),
      { ordered: false, throwOnValidationError: true },
    );
    return [];
  } catch (error) {
    return duplicateKeyIndexes(error);
  }
}

/**
 * Inserts records believed new; returns the indexes of those that were not (a webhook stored the key
 * since it was read, or a concurrent insert won). `$setOnInsert` leaves such a document as it is, for
 * the caller to retry with the version guard: a plain upsert would overwrite it unguarded.
 */
async function insertOnly(model: BulkModel, writes: Write[]): Promise<number[]> {
  if (writes.length === 0) return [];
  const ops = writes.map(({ filter, update: { $set, ...rest } }) => ({
    updateOne: { filter, update: { ...rest, $setOnInsert: $set }, upsert: true as const },
  }));
  let result: BulkResult;
  let raced: number[] = [];
  try {
    result = await model.bulkWrite(ops, { ordered: false, throwOnValidationError: true });
  } catch (error) {
    raced = duplicateKeyIndexes(error);
    result = (error as MongoBulkWriteError).result;
  }
  const inserted = new Set(Object.keys(result.upsertedIds ?? {}).map(Number));
  return writes.flatMap((_, index) => (inserted.has(index) ? [] : [index])).concat(raced);
}

/**
 * Stores versioned records in a few round trips, with `upsertIfNewer`'s outcome. What is stored was
 * read first (`stored`), so most writes match on the exact key: new records, and records to skip
 * (stored newer: stale; same version: unchanged, unless `rewriteEqual` and the stored document, when
 * given, differs from what the update sets). Only records that changed
 * carry the version guard, which also covers a webhook writing between the read and the write; an
 * insert that finds the key taken after all (a webhook or a racing insert got there first) is retried
 * with the guard, and stale if it fails again.
 */
export async function upsertNewer(
  model: BulkModel,
  ops: readonly VersionedUpsert[],
  stored: (op: VersionedUpsert) => Stored | undefined,
  options: { rewriteEqual: boolean },
): Promise<UpsertOutcome> {
  const stale = new Set<number>();
  const inserts: number[] = [];
  const guarded: number[] = [];
  const storedIds = new Map<number, unknown>();
  ops.forEach((op, index) => {
    const current = stored(op);
    if (!current) return inserts.push(index);
    const [mine, theirs] = [time(op.version), time(current.version)];
    const newer = theirs !== null && (mine === null || theirs > mine);
    if (current.guarded || newer) return stale.add(index);
    storedIds.set(index, current.id);
    if (mine !== theirs || (options.rewriteEqual && !changesNothing(op.update, current.document)))
      guarded.push(index);
  });
  const raced = await insertOnly(
    model,
    inserts.map((index) => ({ filter: ops[index].key, update: ops[index].update })),
  );
  const retried = [...guarded, ...raced.map((i) => inserts[i])];
  const writeGuarded = (indexes: number[]) =>
    colliding(
      model,
      indexes.map((index) => ({
        filter: newerOrEqual(ops[index], storedIds.get(index)),
        update: ops[index].update,
      })),
    );
  const first = await writeGuarded(retried);
  const again = await writeGuarded(first.map((i) => retried[i]));
  for (const i of again) stale.add(retried[first[i]]);
  return { stale };
}

/** Records without a version (commits, files): written whatever is stored, in one round trip. */
export async function upsertAll(model: BulkModel, ops: readonly Write[]): Promise<void> {
  const raced = await colliding(model, [...ops]);
  // The loser of two concurrent inserts now finds the winner's document and updates it.
  await colliding(
    model,
    raced.map((index) => ops[index]),
  );
}
