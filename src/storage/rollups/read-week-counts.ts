import type { WeekSliceDocument } from "../models/week-slice.js";
import type { Store } from "../store.js";
import { readRepositoryCounts, type RepositoryCounts } from "./counts-codec.js";

/** An installation-week's counts: each repository's, in `countWeek`'s layout. */
export interface WeekCounts {
  week: Date;
  repositories: RepositoryCounts[];
}

/**
 * Every installation-week's PR counts, oldest first, on the week slices' `{installationId, kind, week}`
 * index: one small document per week, however many PRs.
 */
export async function readWeekCounts(store: Store, installationId: number): Promise<WeekCounts[]> {
  const docs = await store.weekSlices
    .find({ installationId, kind: "counts" }, { _id: 0, week: 1, data: 1 })
    .lean<Pick<WeekSliceDocument, "week" | "data">[]>();
  return docs
    .map(({ week, data }) => ({ week, repositories: data ? readRepositoryCounts(data) : [] }))
    .sort((a, b) => a.week.getTime() - b.week.getTime());
}
