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

/**
 * Writes each slice unless one built at the same or a later mark is stored: the upsert of an older
 * build finds no document to update and collides on `_id` with the newer one, which stays.
 */
export async function writeSlicesIfNewer(store: Store, built: readonly BuiltSlices[]): Promise<void> {
  const writes = built.flatMap(({ rollupId, data, ...slice }) =>
    SLICE_KINDS.map((kind) => {
      const fields = { installationId: slice.installationId, repoId: slice.repoId, week: slice.week, kind };
      return {
        updateOne: {
          filter: { _id: rollupSliceId(rollupId, kind), marks: { $lt: slice.marks } },
          update: data
            ? { $set: { ...fields, marks: slice.marks, data: data[kind] } }
            : { $set: { ...fields, marks: slice.marks }, $unset: { data: 1 as const } },
          upsert: true,
        },
      };
    }),
  );
  if (writes.length === 0) return;
  try {
    await store.rollupSlices.bulkWrite(writes, { ordered: false });
  } catch (error) {
    // Only a newer slice may collide (and stays); anything else is rethrown.
    duplicateKeyIndexes(error);
  }
}
