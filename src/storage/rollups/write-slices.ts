import { rollupSliceId, SLICE_KINDS, type SliceKind } from "../models/rollup-slice.js";
import type { Store } from "../store.js";
import { duplicateKeyIndexes } from "../write/upsert-if-newer.js";

/** A repository-week's slices as built from the PRs read after its rollup's `marks` were. */
export interface BuiltSlices {
  rollupId: string;
  installationId: number;
  repoId: number;
  week: Date;
  marks: number;
  /** Each kind's bytes; none for an empty week. */
  data: Record<SliceKind, Uint8Array> | null;
}

/** A slice to store: its `_id`, its other keys, the mark it was built at, and its bytes (none: empty). */
export interface SliceUpsert<Fields> {
  _id: string;
  fields: Fields;
  marks: number;
  data: Uint8Array | null;
}

/**
 * Stores a slice unless one built at the same or a later mark is: the upsert of an older build finds
 * no document to update and collides on `_id` with the newer one, which stays (`ignoringNewer`).
 */
export function upsertIfNewer<Fields>({ _id, fields, marks, data }: SliceUpsert<Fields>) {
  return {
    updateOne: {
      filter: { _id, marks: { $lt: marks } },
      update: data
        ? { $set: { ...fields, marks, data } }
        : { $set: { ...fields, marks }, $unset: { data: 1 as const } },
      upsert: true,
    },
  };
}

/** Awaits a bulk write of `upsertIfNewer`s: only a newer slice may collide (and stays); anything else is rethrown. */
export async function ignoringNewer(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    duplicateKeyIndexes(error);
  }
}

/** Writes each of the repository-weeks' slices unless a later build's is stored. */
export async function writeSlicesIfNewer(store: Store, built: readonly BuiltSlices[]): Promise<void> {
  const writes = built.flatMap(({ rollupId, data, ...slice }) =>
    SLICE_KINDS.map((kind) =>
      upsertIfNewer({
        _id: rollupSliceId(rollupId, kind),
        fields: { installationId: slice.installationId, repoId: slice.repoId, week: slice.week, kind },
        marks: slice.marks,
        data: data ? data[kind] : null,
      }),
    ),
  );
  if (writes.length > 0) await ignoringNewer(store.rollupSlices.bulkWrite(writes, { ordered: false }));
}
