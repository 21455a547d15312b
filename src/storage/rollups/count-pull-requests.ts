import { countOf } from "../../metrics/week-counts.js";
import type { WeekSliceDocument } from "../models/week-slice.js";
import type { Store } from "../store.js";
import { readRepositoryCounts } from "./counts-codec.js";

/**
 * How many PRs each repository of an installation holds, by repository id: every derived PR counts as
 * opened in its creation's week, once. One small document per installation-week (its repositories'
 * counts), where counting the PRs themselves reads every one of them on the embedded server (STACK.md).
 */
export async function countPullRequests(store: Store, installationId: number): Promise<Map<number, number>> {
  const weeks = await store.weekSlices
    .find({ installationId, kind: "counts" }, { _id: 0, data: 1 })
    .lean<Pick<WeekSliceDocument, "data">[]>();
  const counts = new Map<number, number>();
  for (const { data } of weeks) {
    if (!data) continue;
    for (const { repoId, counts: week } of readRepositoryCounts(data))
      counts.set(repoId, (counts.get(repoId) ?? 0) + countOf(week, "opened"));
  }
  return counts;
}
