import type { GroupBy } from "../metrics/aggregate.js";
import { DAY_MS, HOUR_MS, splitAtHours, weekStart, type TimeRange } from "../metrics/week.js";
import { DAY_SLICE_KINDS } from "../storage/models/rollup-slice.js";
import type { WeekSliceDocument } from "../storage/models/week-slice.js";
import { endOfFlatPart, isEmptyFlatPart, readParts, readPeople } from "../storage/rollups/codec.js";
import { daySection, type DaySection } from "../storage/rollups/days-codec.js";
import type { PullRequestScope } from "../storage/rollups/read-pull-requests.js";
import type { Store } from "../storage/store.js";
import { addPeople, addStored, PARTS, type StoredDays, type Sums, type TotalKey } from "./rollup-sums.js";

/** A week's stored days, read once per request: each repository's of the scope, of one kind. */
function daysOfWeek(
  store: Store,
  scope: PullRequestScope,
  week: Date,
  section: DaySection,
  sums: Sums,
): Promise<StoredDays[]> {
  const kind = DAY_SLICE_KINDS[section];
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

/**
 * A week's stored days of people: an installation's, merged across its repositories (one document,
 * where a large organisation has hundreds of people a day in each repository), or one repository's.
 */
async function peopleDaysOfWeek(
  store: Store,
  scope: PullRequestScope,
  week: Date,
  section: "authors" | "reviewers",
  sums: Sums,
): Promise<(Uint8Array | undefined)[]> {
  if (scope.repoId !== undefined)
    return (await daysOfWeek(store, scope, week, section, sums)).map(({ data }) => data);
  const docs = await store.weekSlices
    .find({ installationId: scope.installationId, kind: DAY_SLICE_KINDS[section], week }, { _id: 0, data: 1 })
    .lean<Pick<WeekSliceDocument, "data">[]>();
  return docs.map(({ data }) => data);
}

/** Each stored section of the days [first, first + count) of a week's stored days. */
function* sectionsOfDays(data: Uint8Array | undefined, first: number, count: number, section: DaySection) {
  for (let day = first; data && day < first + count; day += 1) {
    const bytes = daySection(data, day, section);
    if (bytes) yield bytes;
  }
}

/** Adds the days [since, until) (midnights, inside one week) from their week's stored days. */
export async function addDays(
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
  if (section === "total") {
    for (const { repoId, data } of await daysOfWeek(store, scope, week, section, sums))
      for (const bytes of sectionsOfDays(data, first, count, section))
        addStored(sums, keyOf(repoId, week), readParts(bytes), 0);
    return;
  }
  for (const data of await peopleDaysOfWeek(store, scope, week, section, sums))
    for (const bytes of sectionsOfDays(data, first, count, section)) addPeople(sums, readPeople(bytes));
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
export async function addPartialDay(
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
