import fc from "fast-check";
import {
  aggregatePullRequests,
  type AggregatablePullRequest,
  type GroupBy,
} from "../../src/metrics/aggregate.js";
import { aggregateParts, type RollupPiece } from "../../src/metrics/rollup-answer.js";
import {
  buildWeekRollup,
  partsOfPullRequests,
  rollupWeeksOf,
  type PersonName,
  type RollupSlice,
} from "../../src/metrics/rollup-build.js";
import { emptyPart } from "../../src/metrics/rollup-part.js";
import {
  DAY_MS,
  HOUR_MS,
  splitAtDays,
  splitAtHours,
  splitAtWeeks,
  WEEK_MS,
  weekKey,
  weekStart,
} from "../../src/metrics/week.js";
import {
  addFlatPart,
  decodePart,
  decodePeople,
  endOfFlatPart,
  isEmptyFlatPart,
  encodePart,
  encodePeople,
  readParts,
} from "../../src/storage/rollups/codec.js";
import { daySection, encodeDays, type DaySection } from "../../src/storage/rollups/days-codec.js";
import { groupByArb, pullRequestsArb, rangeArb, touching } from "./rollup-arbitraries.js";
import { ValueList } from "../../src/metrics/value-list.js";

/**
 * The pure half of the rollups, as the query takes them: week rollups, the day slices of the partial
 * weeks' whole days (all through their stored encoding), and the PRs of what is left of a day give
 * exactly `aggregatePullRequests` over the same PRs, for any PRs, range and grouping. The database half
 * (upkeep and the query) is test/query/rollup-metrics.test.ts.
 */
type Encoded = (section: DaySection) => Uint8Array | null;

/** A week's or a day's stored bytes read as the query reads them: totals as runs, people copied. */
function sliceTo(
  encoded: Encoded,
  key: string,
  groupBy: GroupBy,
  into: { pieces: RollupPiece[]; names: PersonName[] },
) {
  if (groupBy === "author" || groupBy === "reviewer") {
    const bytes = encoded(groupBy === "author" ? "authors" : "reviewers");
    for (const person of bytes ? decodePeople(bytes) : []) {
      into.pieces.push({ key: person.key, part: person });
      into.names.push({ key: person.key, login: person.login, at: person.at });
    }
    return;
  }
  const bytes = encoded("total");
  if (!bytes) return;
  const part = emptyPart();
  addFlatPart(part, readParts(bytes), 0, true);
  if (part.merged + part.opened > 0) into.pieces.push({ key, part });
}

const weekBytes =
  (slice: RollupSlice): Encoded =>
  (section) =>
    section === "total" ? encodePart(slice.total) : section === "hours" ? null : encodePeople(slice[section]);

function viaRollups(
  prs: readonly AggregatablePullRequest[],
  range: { since: Date; until: Date; groupBy: GroupBy },
) {
  const { weeks, edges } = splitAtWeeks(range.since, range.until);
  const into = { pieces: [] as RollupPiece[], names: [] as PersonName[] };
  const rollupOf = (repo: string, week: number) =>
    buildWeekRollup(
      prs.filter((pr) => pr.repo === repo && rollupWeeksOf(pr).includes(week)),
      new Date(week),
    );
  const keyOf = (repo: string, week: number) =>
    range.groupBy === "week" ? weekKey(new Date(week)) : range.groupBy === "repo" ? repo : "all";
  const repos = new Set(prs.map((pr) => pr.repo));
  for (let week = weeks?.since.getTime() ?? 0; weeks && week < weeks.until.getTime(); week += WEEK_MS) {
    for (const repo of repos)
      sliceTo(weekBytes(rollupOf(repo, week)), keyOf(repo, week), range.groupBy, into);
  }
  for (const edge of edges) {
    const { days, partial } = splitAtDays(edge);
    for (const run of days) {
      const week = weekStart(run.since).getTime();
      const first = (run.since.getTime() - week) / DAY_MS;
      const count = (run.until.getTime() - run.since.getTime()) / DAY_MS;
      for (const repo of repos) {
        const stored = encodeDays(rollupOf(repo, week).days);
        for (let day = first; day < first + count; day += 1)
          sliceTo((section) => daySection(stored, day, section), keyOf(repo, week), range.groupBy, into);
      }
    }
    const people = range.groupBy === "author" || range.groupBy === "reviewer";
    const cut = partial.map((part) => (people ? { hours: [], partial: [part] } : splitAtHours(part)));
    for (const run of cut.flatMap((part) => part.hours)) {
      const day = Math.floor(run.since.getTime() / DAY_MS) * DAY_MS;
      const week = weekStart(run.since).getTime();
      for (const repo of repos) {
        const hours = daySection(encodeDays(rollupOf(repo, week).days), (day - week) / DAY_MS, "hours");
        const flat = readParts(hours ?? new Uint8Array());
        let offset = 0;
        for (let hour = 0; flat.words.length > 0 && hour < (run.until.getTime() - day) / HOUR_MS; hour += 1) {
          if (hour < (run.since.getTime() - day) / HOUR_MS || isEmptyFlatPart(flat, offset))
            offset = endOfFlatPart(flat, offset);
          else {
            const part = emptyPart();
            offset = addFlatPart(part, flat, offset, true);
            into.pieces.push({ key: keyOf(repo, week), part });
          }
        }
      }
    }
    for (const part of cut.flatMap((one) => one.partial)) {
      const parts = partsOfPullRequests(prs, { ...part, groupBy: range.groupBy });
      for (const [key, piece] of parts.parts) into.pieces.push({ key, part: piece });
      into.names.push(...parts.names.values());
    }
  }
  return aggregateParts(range, into.pieces, into.names);
}

describe("rollups (pure)", () => {
  it("give the direct computation's groups for any PRs, range and grouping", () => {
    fc.assert(
      fc.property(pullRequestsArb(40), rangeArb, groupByArb, (prs, range, groupBy) => {
        const expected = aggregatePullRequests(touching(prs, range), { ...range, groupBy });
        expect(viaRollups(prs, { ...range, groupBy })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("give the same groups whatever order the parts come in", () => {
    fc.assert(
      fc.property(pullRequestsArb(25), rangeArb, groupByArb, fc.integer(), (prs, range, groupBy, seed) => {
        const shuffled = [...prs].sort(
          (a, b) => ((a.number * 7919 + seed) % 97) - ((b.number * 7919 + seed) % 97),
        );
        expect(viaRollups(shuffled, { ...range, groupBy })).toEqual(viaRollups(prs, { ...range, groupBy }));
      }),
      { numRuns: 100 },
    );
  });

  it("store duration values exactly, and reject a damaged binary", () => {
    // Hundredths as parts hold them: whole numbers, as int32s when they fit and float64s when not.
    const hundredths = fc.oneof(
      fc.integer(),
      fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        fc.array(hundredths, { maxLength: 30 }),
        fc.array(fc.integer(), { maxLength: 9 }),
        (values, others) => {
          const part = emptyPart();
          part.values.cycleTimeHours = ValueList.of(values);
          part.values.ciWallSeconds = ValueList.of(others);
          const decoded = decodePart(encodePart(part)).values;
          expect(Array.from(decoded.cycleTimeHours.view())).toEqual(
            Array.from(Float64Array.from(values).sort()),
          );
          expect(Array.from(decoded.ciWallSeconds.view())).toEqual(
            Array.from(Float64Array.from(others).sort()),
          );
        },
      ),
    );
    expect(() => decodePart(encodePart(emptyPart()).subarray(8))).toThrow(/unreadable.*mergelens recompute/);
    // An empty part's head: six float64 sums, then int32s: 9 counts, 6 size buckets, 6 counts of values
    // (the last made to say 3 here), and the values' width.
    const counted = encodePart(emptyPart());
    counted.writeInt32LE(3, (12 + 9 + 6 + 5) * 4);
    expect(() => decodePart(counted)).toThrow(/unreadable.*mergelens recompute/);
    const widened = encodePart(emptyPart());
    widened.writeInt32LE(6, (12 + 9 + 6 + 6) * 4);
    expect(() => decodePart(widened)).toThrow(/unreadable \(values 6 bytes wide\)/);
    expect(() => decodePeople(Buffer.from('[["id:1", "alice"]]'))).toThrow(/unreadable/);
    expect(() => daySection(Buffer.alloc(16), 0, "total")).toThrow(/unreadable/);
    const days = encodeDays(Array.from({ length: 7 }, () => null));
    expect(daySection(days, 6, "reviewers")).toBeNull();
    days.writeUInt32LE(days.length, 0);
    days.writeUInt32LE(8, 4);
    expect(() => daySection(days, 0, "total")).toThrow(/unreadable/);
  });

  it("cut a range at week boundaries into whole weeks and partial ends", () => {
    const at = (iso: string) => new Date(iso);
    expect(splitAtWeeks(at("2024-01-03T05:00:00Z"), at("2024-01-24T12:00:00Z"))).toEqual({
      weeks: { since: at("2024-01-08T00:00:00Z"), until: at("2024-01-22T00:00:00Z") },
      edges: [
        { since: at("2024-01-03T05:00:00Z"), until: at("2024-01-08T00:00:00Z") },
        { since: at("2024-01-22T00:00:00Z"), until: at("2024-01-24T12:00:00Z") },
      ],
    });
    expect(splitAtWeeks(at("2024-01-08T00:00:00Z"), at("2024-01-15T00:00:00Z"))).toEqual({
      weeks: { since: at("2024-01-08T00:00:00Z"), until: at("2024-01-15T00:00:00Z") },
      edges: [],
    });
    expect(splitAtWeeks(at("2024-01-09T00:00:00Z"), at("2024-01-16T00:00:00Z"))).toEqual({
      weeks: null,
      edges: [{ since: at("2024-01-09T00:00:00Z"), until: at("2024-01-16T00:00:00Z") }],
    });
  });
});
