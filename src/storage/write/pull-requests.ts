import type { PullRequestRecord, RepositoryKey } from "../../records/types.js";
import type { Store } from "../store.js";
import { upsertNewer } from "./bulk-upsert.js";

/** Sizes missing from a payload must not erase sizes a fuller payload (or the sync) stored. */
export function withoutMissingSizes(record: PullRequestRecord): Partial<PullRequestRecord> {
  const fields: Partial<PullRequestRecord> = { ...record };
  if (record.additions === null) delete fields.additions;
  if (record.deletions === null) delete fields.deletions;
  if (record.changedFiles === null) delete fields.changedFiles;
  return fields;
}

export interface PullRequestWrite {
  record: PullRequestRecord;
  /** Fields written beside the record (the sync's `dataComplete`, its notes, draft history). */
  extra?: Record<string, unknown>;
}

/**
 * The one write policy for pull requests, for webhook batches and sync pages alike: keyed by
 * installation, repository and number, versioned by GitHub's `updated_at` so an older copy never
 * overwrites a newer one. `rewriteEqual` rewrites a PR stored at the same version (a webhook's later
 * arrival, or a fetch adding what a webhook lacked). Returns the numbers not written (stored newer).
 */
export async function writePullRequests(
  store: Store,
  repo: RepositoryKey,
  writes: readonly PullRequestWrite[],
  options: { rewriteEqual: boolean },
): Promise<Set<number>> {
  if (writes.length === 0) return new Set();
  const existing = await store.pullRequests
    .find(
      { ...repo, number: { $in: writes.map((write) => write.record.number) } },
      { number: 1, updatedAt: 1 },
    )
    .lean();
  const versions = new Map(
    existing.map((pr) => [pr.number, { version: pr.updatedAt, guarded: false, id: pr._id }]),
  );
  const { stale } = await upsertNewer(
    store.pullRequests,
    writes.map(({ record, extra }) => ({
      key: { ...repo, number: record.number },
      update: { $set: { ...withoutMissingSizes(record), ...extra } },
      versionField: "updatedAt",
      version: record.updatedAt,
    })),
    (op) => versions.get(Number(op.key.number)),
    options,
  );
  return new Set([...stale].map((index) => writes[index].record.number));
}
