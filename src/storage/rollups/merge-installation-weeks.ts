import { noteName, type PersonName, type PersonPart } from "../../metrics/rollup-build.js";
import { emptyPart, type RollupPart } from "../../metrics/rollup-part.js";
import { DAY_SLICE_KINDS } from "../models/rollup-slice.js";
import { weekRollupId } from "../models/week-rollup.js";
import { WEEK_SLICE_KINDS, weekSliceId, type WeekSliceKind } from "../models/week-slice.js";
import type { Store } from "../store.js";
import { upsertWithRetry } from "../write/upsert-if-newer.js";
import {
  addFlatPart,
  decodeNumbers,
  encodePart,
  encodePeople,
  encodeRepositoryMerges,
  readParts,
  readPeople,
  type RepositoryMerges,
} from "./codec.js";
import { encodeRepositoryCounts, type RepositoryCounts } from "./counts-codec.js";
import { daySection, encodeDayPeople } from "./days-codec.js";
import { ignoringNewer, upsertIfNewer } from "./write-slices.js";

/** Weeks merged together: bounds what is held in memory (a quarter of a large organisation). */
const WEEKS_PER_ROUND = 13;

/** Every person's summed part, shown by the name `noteName` keeps. */
class PeopleSum {
  private readonly parts = new Map<string, RollupPart>();
  private readonly names = new Map<string, PersonName>();

  add(stored: Uint8Array): void {
    const { names, parts } = readPeople(stored);
    let offset = 0;
    for (const [key, login, at] of names) {
      let part = this.parts.get(key);
      if (!part) this.parts.set(key, (part = emptyPart()));
      offset = addFlatPart(part, parts, offset);
      noteName(this.names, { key, login, at });
    }
  }

  /** In key order, so a merge of the same parts writes the same bytes. */
  people(): PersonPart[] {
    return [...this.parts.keys()]
      .sort()
      .map((key) => ({ ...(this.parts.get(key) as RollupPart), ...(this.names.get(key) as PersonName) }));
  }
}

/** One week's sums across the installation's repositories. */
interface WeekSums {
  total: RollupPart;
  authors: PeopleSum;
  reviewers: PeopleSum;
  merges: RepositoryMerges[];
  counts: RepositoryCounts[];
  /** Each day's people, Monday first. */
  days: Record<PeopleKind, PeopleSum[]>;
}

type PeopleKind = "authors" | "reviewers";
const daysOfPeople = () => Array.from({ length: 7 }, () => new PeopleSum());

async function sumWeeks(store: Store, installationId: number, weeks: readonly Date[]) {
  const sums = new Map(
    weeks.map((week): [number, WeekSums] => [
      week.getTime(),
      {
        total: emptyPart(),
        authors: new PeopleSum(),
        reviewers: new PeopleSum(),
        merges: [],
        counts: [],
        days: { authors: daysOfPeople(), reviewers: daysOfPeople() },
      },
    ]),
  );
  const totals = await store.rollups
    .find(
      { installationId, week: { $in: weeks } },
      { _id: 0, repoId: 1, week: 1, total: 1, merges: 1, counts: 1 },
    )
    .lean();
  for (const { repoId, week, total, merges, counts } of totals) {
    const sum = sums.get(week.getTime());
    if (sum && total) addFlatPart(sum.total, readParts(total), 0);
    if (sum && merges) sum.merges.push({ repoId, pairs: decodeNumbers(merges) });
    if (sum && counts) sum.counts.push({ repoId, counts: decodeNumbers(counts) });
  }
  for (const kind of ["authors", "reviewers"] as const) {
    const slices = await store.rollupSlices
      .find({ installationId, kind, week: { $in: weeks } }, { _id: 0, week: 1, data: 1 })
      .lean();
    for (const { week, data } of slices) if (data) sums.get(week.getTime())?.[kind].add(data);
    const days = await store.rollupSlices
      .find(
        { installationId, kind: DAY_SLICE_KINDS[kind], week: { $in: weeks } },
        { _id: 0, week: 1, data: 1 },
      )
      .lean();
    for (const { week, data } of days) {
      const sum = sums.get(week.getTime())?.days[kind];
      sum?.forEach((day, index) => {
        const bytes = data ? daySection(data, index, kind) : null;
        if (bytes) day.add(bytes);
      });
    }
  }
  return sums;
}

const peopleOfDay = (day: PeopleSum) => {
  const people = day.people();
  return people.length > 0 ? people : null;
};

/** A week's slices, or none when nothing was merged or opened in it. */
function slicesOf(sum: WeekSums | undefined): Record<WeekSliceKind, Uint8Array> | null {
  if (!sum || (sum.total.merged === 0 && sum.total.opened === 0)) return null;
  return {
    total: encodePart(sum.total),
    authors: encodePeople(sum.authors.people()),
    reviewers: encodePeople(sum.reviewers.people()),
    merges: encodeRepositoryMerges(sum.merges),
    counts: encodeRepositoryCounts(sum.counts),
    dayAuthors: encodeDayPeople(sum.days.authors.map(peopleOfDay), "authors"),
    dayReviewers: encodeDayPeople(sum.days.reviewers.map(peopleOfDay), "reviewers"),
  };
}

/** Writes each of the installation-weeks' slices unless a later merge's is stored. */
async function writeWeekSlicesIfNewer(
  store: Store,
  installationId: number,
  built: readonly {
    _id: string;
    week: Date;
    marks: number;
    data: Record<WeekSliceKind, Uint8Array> | null;
  }[],
): Promise<void> {
  const writes = built.flatMap(({ _id, week, marks, data }) =>
    WEEK_SLICE_KINDS.map((kind) =>
      upsertIfNewer({
        _id: weekSliceId(_id, kind),
        fields: { installationId, week, kind },
        marks,
        data: data ? data[kind] : null,
      }),
    ),
  );
  if (writes.length > 0) await ignoringNewer(store.weekSlices.bulkWrite(writes, { ordered: false }));
}

async function mergeRound(store: Store, installationId: number, weeks: readonly Date[]): Promise<void> {
  await upsertWithRetry(() =>
    store.weekRollups.bulkWrite(
      weeks.map((week) => ({
        updateOne: {
          filter: { _id: weekRollupId(installationId, week) },
          update: { $inc: { marks: 1 }, $setOnInsert: { installationId, week } },
          upsert: true,
        },
      })),
      { ordered: false },
    ),
  );
  const marked = await store.weekRollups
    .find({ installationId, week: { $in: weeks } }, { _id: 1, week: 1, marks: 1 })
    .lean();
  const sums = await sumWeeks(store, installationId, weeks);
  await writeWeekSlicesIfNewer(
    store,
    installationId,
    marked.map(({ _id, week, marks }) => ({ _id, week, marks, data: slicesOf(sums.get(week.getTime())) })),
  );
}

/**
 * Adds up these weeks (Mondays, in ms) of an installation from its repositories' stored rollups, after
 * any of them changed. Marked first and written only if no merge was marked since: the merge that read
 * last wins, and it read every repository-week written before it marked.
 */
export async function mergeInstallationWeeks(
  store: Store,
  installationId: number,
  weeks: Iterable<number>,
): Promise<void> {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b).map((week) => new Date(week));
  for (let start = 0; start < sorted.length; start += WEEKS_PER_ROUND) {
    await mergeRound(store, installationId, sorted.slice(start, start + WEEKS_PER_ROUND));
  }
}
