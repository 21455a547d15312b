import type { GroupBy } from "../metrics/aggregate.js";
import type { RollupPiece } from "../metrics/rollup-answer.js";
import { noteName, partsOfPullRequests, type PersonName, type RollupSlice } from "../metrics/rollup-build.js";
import { emptyPart, type RollupPart } from "../metrics/rollup-part.js";
import {
  DAY_MS,
  HOUR_MS,
  splitAtDays,
  splitAtHours,
  splitAtWeeks,
  weekKey,
  weekStart,
  type TimeRange,
} from "../metrics/week.js";
import type { RollupDocument } from "../storage/models/rollup.js";
import type { RollupSliceDocument, SliceKind } from "../storage/models/rollup-slice.js";
import type { WeekSliceDocument } from "../storage/models/week-slice.js";
import {
  addFlatPart,
  daySection,
  endOfFlatPart,
  isEmptyFlatPart,
  readParts,
  readPeople,
  type DaySection,
  type FlatParts,
  type PackedPeople,
} from "../storage/rollups/codec.js";
import { readPullRequestsInRanges, type PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";

export interface Pieces {
  pieces: RollupPiece[];
  names: PersonName[];
}

/** What a grouping reads of a rollup: everyone's part, or one list of people. */
const PARTS = {
  none: "total",
  week: "total",
  repo: "total",
  author: "authors",
  reviewer: "reviewers",
} as const satisfies Record<GroupBy, keyof RollupSlice>;

/**
 * Parts added up per group while rollups are read: a year of people is tens of thousands of parts,
 * added straight from their stored bytes rather than built one by one.
 */
interface Sums {
  parts: Map<string, RollupPart>;
  names: Map<string, PersonName>;
  /** Each edge week's stored days, by kind and Monday (ms). */
  days: Map<string, Promise<StoredDays[]>>;
}

function sumOf(sums: Sums, key: string): RollupPart {
  const found = sums.parts.get(key);
  if (found) return found;
  const part = emptyPart();
  sums.parts.set(key, part);
  return part;
}

/** Adds a stored part to its group's sum, its values kept as views of the stored bytes (sorted runs). */
function addStored(sums: Sums, key: string, flat: FlatParts, offset: number): number {
  return addFlatPart(sumOf(sums, key), flat, offset, true);
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

/** The group key of a repository-week's total; a repository's id until its name is looked up. */
type TotalKey = (repoId: number, week: Date) => string;

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

/** Adds each person's part of a stored list of people to their group's sum. */
function addPeople(sums: Sums, people: PackedPeople): void {
  let offset = 0;
  for (const [key, login, at] of people.names) {
    offset = addStored(sums, key, people.parts, offset);
    noteName(sums.names, { key, login, at });
  }
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

type StoredDays = Pick<RollupSliceDocument, "repoId" | "data">;

/** Which of a week's day slices holds a section. */
const DAY_KINDS = {
  total: "days",
  hours: "dayHours",
  authors: "dayAuthors",
  reviewers: "dayReviewers",
} as const satisfies Record<DaySection, SliceKind>;

/** A week's stored days, read once per request: its whole days and its whole hours both come from them. */
function daysOfWeek(
  store: Store,
  scope: PullRequestScope,
  week: Date,
  section: DaySection,
  sums: Sums,
): Promise<StoredDays[]> {
  const kind = DAY_KINDS[section];
  const key = `${kind}:${week.getTime()}`;
  const found = sums.days.get(key);
  if (found) return found;
  const read = store.rollupSlices
    .find({ ...scope, kind, week }, { _id: 0, repoId: 1, data: 1 })
    .lean<StoredDays[]>()
    .exec();
  sums.days.set(key, read);
  return read;
}

/** Adds the days [since, until) (midnights, inside one week) from their week's stored days. */
async function addDays(
  store: Store,
  scope: PullRequestScope,
  days: TimeRange,
  groupBy: GroupBy,
  keyOf: TotalKey,
  sums: Sums,
) {
  const week = weekStart(days.since);
  const first = Math.round((days.since.getTime() - week.getTime()) / DAY_MS);
  const count = Math.round((days.until.getTime() - days.since.getTime()) / DAY_MS);
  const section = PARTS[groupBy];
  for (const { repoId, data } of await daysOfWeek(store, scope, week, section, sums)) {
    for (let day = first; data && day < first + count; day += 1) {
      const bytes = daySection(data, day, section);
      if (!bytes) continue;
      if (section === "total") addStored(sums, keyOf(repoId, week), readParts(bytes), 0);
      else addPeople(sums, readPeople(bytes));
    }
  }
}

/** Adds the whole hours [since, until) (inside one day) from their day's stored hour totals. */
async function addHours(
  store: Store,
  scope: PullRequestScope,
  hours: TimeRange,
  keyOf: TotalKey,
  sums: Sums,
) {
  const day = Math.floor(hours.since.getTime() / DAY_MS) * DAY_MS;
  const week = weekStart(hours.since);
  const first = Math.round((hours.since.getTime() - day) / HOUR_MS);
  const until = Math.round((hours.until.getTime() - day) / HOUR_MS);
  for (const { repoId, data } of await daysOfWeek(store, scope, week, "hours", sums)) {
    const bytes = data ? daySection(data, Math.round((day - week.getTime()) / DAY_MS), "hours") : null;
    if (!bytes) continue;
    const flat = readParts(bytes);
    let offset = 0;
    for (let hour = 0; hour < until; hour += 1) {
      // An hour with nothing must not make a group (a repository's exists only where it has a PR).
      const used = hour >= first && !isEmptyFlatPart(flat, offset);
      offset = used ? addStored(sums, keyOf(repoId, week), flat, offset) : endOfFlatPart(flat, offset);
    }
  }
}

/**
 * What of a partial day the stored hours cover (not people's: hours hold only totals), and what is left
 * for the PRs themselves: a day at a large organisation is hundreds of PRs, an hour a few dozen.
 */
async function addPartialDay(
  store: Store,
  scope: PullRequestScope,
  part: TimeRange,
  groupBy: GroupBy,
  keyOf: TotalKey,
  sums: Sums,
): Promise<TimeRange[]> {
  if (groupBy === "author" || groupBy === "reviewer") return [part];
  const cut = splitAtHours(part);
  for (const hours of cut.hours) await addHours(store, scope, hours, keyOf, sums);
  return cut.partial;
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
