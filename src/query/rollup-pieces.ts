import type { GroupBy } from "../metrics/aggregate.js";
import type { RollupPiece } from "../metrics/rollup-answer.js";
import { partsOfPullRequests, type PersonName } from "../metrics/rollup-build.js";
import { splitAtDays, splitAtWeeks, weekKey, type TimeRange } from "../metrics/week.js";
import type { RollupDocument } from "../storage/models/rollup.js";
import type { RollupSliceDocument } from "../storage/models/rollup-slice.js";
import type { WeekSliceDocument } from "../storage/models/week-slice.js";
import { readParts, readPeople } from "../storage/rollups/codec.js";
import { readPullRequestsInRanges, type PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";
import { addDays, addPartialDay } from "./rollup-days.js";
import { addPeople, addStored, PARTS, type Sums, type TotalKey } from "./rollup-sums.js";

export interface Pieces {
  pieces: RollupPiece[];
  names: PersonName[];
}

/**
 * The names of these repositories by id, for `repo` groups: as listed, or as their PRs carry them (a
 * webhook may store PRs before the installation's repository list).
 */
async function repositoryNames(
  store: Store,
  installationId: number,
  repoIds: ReadonlySet<number>,
): Promise<Map<number, string>> {
  const repos = await store.repositories
    .find({ installationId, repoId: { $in: [...repoIds] } }, { _id: 0, repoId: 1, fullName: 1 })
    .lean();
  const names = new Map(repos.map((repo) => [repo.repoId, repo.fullName]));
  for (const repoId of repoIds) {
    if (names.has(repoId)) continue;
    const pr = await store.pullRequests.findOne({ installationId, repoId }, { _id: 0, repo: 1 }).lean();
    if (pr) names.set(repoId, pr.repo);
  }
  return names;
}

const totalKey = (groupBy: GroupBy): TotalKey =>
  groupBy === "week"
    ? (_, week) => weekKey(week)
    : groupBy === "repo"
      ? (repoId) => String(repoId)
      : () => "all";

/** The summed parts as pieces, repositories' ids replaced by their names. */
async function piecesOf(store: Store, scope: PullRequestScope, groupBy: GroupBy, sums: Sums, into: Pieces) {
  const names =
    groupBy === "repo"
      ? await repositoryNames(store, scope.installationId, new Set([...sums.parts.keys()].map(Number)))
      : new Map<number, string>();
  for (const [key, part] of sums.parts) {
    into.pieces.push({ key: groupBy === "repo" ? (names.get(Number(key)) ?? "") : key, part });
  }
  into.names.push(...sums.names.values());
}

/**
 * Adds the stored rollups of the whole weeks in [since, until): the grouping's part of each, from the
 * installation's weeks unless the grouping or the scope is per repository.
 */
async function addWeeks(
  store: Store,
  scope: PullRequestScope,
  weeks: TimeRange,
  groupBy: GroupBy,
  keyOf: TotalKey,
  sums: Sums,
): Promise<void> {
  const field = PARTS[groupBy];
  const week = { $gte: weeks.since, $lt: weeks.until };
  if (scope.repoId === undefined && groupBy !== "repo") {
    const docs = await store.weekSlices
      .find({ installationId: scope.installationId, kind: field, week }, { _id: 0, week: 1, data: 1 })
      .lean<Pick<WeekSliceDocument, "week" | "data">[]>();
    for (const { week: start, data } of docs) {
      if (data && field === "total") addStored(sums, keyOf(0, start), readParts(data), 0);
      else if (data) addPeople(sums, readPeople(data));
    }
    return;
  }
  if (field !== "total") {
    const slices = await store.rollupSlices
      .find({ ...scope, kind: field, week }, { _id: 0, data: 1 })
      .lean<Pick<RollupSliceDocument, "data">[]>();
    for (const { data } of slices) if (data) addPeople(sums, readPeople(data));
    return;
  }
  const docs = await store.rollups
    .find({ ...scope, week }, { _id: 0, repoId: 1, week: 1, total: 1 })
    .lean<Pick<RollupDocument, "repoId" | "week" | "total">[]>();
  for (const doc of docs) {
    if (doc.total) addStored(sums, keyOf(doc.repoId, doc.week), readParts(doc.total), 0);
  }
}

/**
 * The pieces of an aggregate over [since, until) for one installation or repository: the rollups of its
 * whole weeks, the day slices of its partial weeks' whole days (and whole hours, for totals), and what
 * is left at either end computed from its PRs, read on an index. Exact for any range: a PR counts in one piece, never two.
 */
export async function piecesOfRange(
  store: Store,
  scope: PullRequestScope,
  range: { since: Date; until: Date; groupBy: GroupBy },
  into: Pieces,
): Promise<void> {
  const { weeks, edges } = splitAtWeeks(range.since, range.until);
  const sums: Sums = { parts: new Map(), names: new Map(), days: new Map() };
  const keyOf = totalKey(range.groupBy);
  if (weeks) await addWeeks(store, scope, weeks, range.groupBy, keyOf, sums);
  const partial: TimeRange[] = [];
  for (const edge of edges) {
    const cut = splitAtDays(edge);
    for (const days of cut.days) await addDays(store, scope, days, range.groupBy, keyOf, sums);
    for (const part of cut.partial)
      partial.push(...(await addPartialDay(store, scope, part, range.groupBy, keyOf, sums)));
  }
  await piecesOf(store, scope, range.groupBy, sums, into);
  const prs = partial.length > 0 ? await readPullRequestsInRanges(store, scope, partial) : [];
  for (const edge of partial) {
    const { parts, names } = partsOfPullRequests(prs, { ...edge, groupBy: range.groupBy });
    for (const [key, part] of parts) into.pieces.push({ key, part });
    into.names.push(...names.values());
  }
}
