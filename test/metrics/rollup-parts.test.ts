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
} from "../../src/metrics/rollup-build.js";
import { emptyPart } from "../../src/metrics/rollup-part.js";
import { splitAtWeeks, WEEK_MS, weekKey } from "../../src/metrics/week.js";
import { decodePart, encodePart, encodePersonPart } from "../../src/storage/rollups/codec.js";
import { groupByArb, pullRequestsArb, rangeArb, touching } from "./rollup-arbitraries.js";

/**
 * The pure half of the rollups: week rollups (through their stored encoding) plus the partial weeks'
 * parts give exactly `aggregatePullRequests` over the same PRs, for any PRs, range and grouping. The
 * database half (upkeep and the query) is test/query/rollup-metrics.test.ts.
 */
function viaRollups(
  prs: readonly AggregatablePullRequest[],
  range: { since: Date; until: Date; groupBy: GroupBy },
) {
  const { weeks, edges } = splitAtWeeks(range.since, range.until);
  const pieces: RollupPiece[] = [];
  const names: PersonName[] = [];
  for (const edge of edges) {
    const parts = partsOfPullRequests(prs, { ...edge, groupBy: range.groupBy });
    for (const [key, part] of parts.parts) pieces.push({ key, part });
    names.push(...parts.names.values());
  }
  for (let week = weeks?.since.getTime() ?? 0; weeks && week < weeks.until.getTime(); week += WEEK_MS) {
    for (const repo of new Set(prs.map((pr) => pr.repo))) {
      const ofWeek = prs.filter((pr) => pr.repo === repo && rollupWeeksOf(pr).includes(week));
      const rollup = buildWeekRollup(ofWeek, new Date(week));
      if (range.groupBy === "author" || range.groupBy === "reviewer") {
        for (const person of range.groupBy === "author" ? rollup.authors : rollup.reviewers) {
          const stored = encodePersonPart(person);
          pieces.push({ key: stored.key, part: decodePart(stored) });
          names.push({ key: stored.key, login: stored.login, at: stored.at.getTime() });
        }
      } else if (rollup.total.merged + rollup.total.opened > 0) {
        const key =
          range.groupBy === "week" ? weekKey(new Date(week)) : range.groupBy === "repo" ? repo : "all";
        pieces.push({ key, part: decodePart(encodePart(rollup.total)) });
      }
    }
  }
  return aggregateParts(range, pieces, names);
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
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }),
        (values) => {
          const part = emptyPart();
          part.values.cycleTimeHours = values;
          const decoded = decodePart(encodePart(part)).values.cycleTimeHours;
          expect(decoded).toEqual(Array.from(Float64Array.from(values).sort()));
        },
      ),
    );
    expect(() => decodePart({ ...encodePart(emptyPart()), values: new Uint8Array(12) })).toThrow(
      /unreadable.*mergelens recompute/,
    );
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
