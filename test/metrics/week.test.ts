import { weekKey, weekKeysBetween, weekStart, splitAtHours } from "../../src/metrics/week.js";
import { at } from "./fixtures.js";

describe("weekKey", () => {
  it.each([
    ["2026-03-02T00:00:00Z", "2026-03-02"], // a Monday is its own week
    ["2026-03-08T23:59:59.999Z", "2026-03-02"], // the Sunday after, last instant
    ["2026-03-09T00:00:00Z", "2026-03-09"],
    ["2026-12-31T15:00:00Z", "2026-12-28"], // Thursday: the ISO week starts in the same year
    ["2027-01-03T23:00:00Z", "2026-12-28"], // Sunday in the new year: the week started in the old one
    ["2027-01-04T00:00:00Z", "2027-01-04"], // first Monday of 2027
    ["2024-02-29T12:00:00Z", "2024-02-26"], // leap day, a Thursday
  ])("puts %s in the week of %s", (date, key) => {
    expect(weekKey(at(date))).toBe(key);
  });

  it("starts the week at Monday 00:00 UTC", () => {
    expect(weekStart(at("2027-01-01T08:30:00Z"))).toEqual(at("2026-12-28T00:00:00Z"));
  });
});

describe("weekKeysBetween", () => {
  it("lists every week overlapping [since, until), across a year end", () => {
    // 12-30 is a Wednesday (week of 12-28); until 01-11 00:00 is exclusive, so that week is out
    expect(weekKeysBetween(at("2026-12-30T00:00:00Z"), at("2027-01-11T00:00:00Z"))).toEqual([
      "2026-12-28",
      "2027-01-04",
    ]);
    expect(weekKeysBetween(at("2026-12-30T00:00:00Z"), at("2027-01-11T00:00:01Z"))).toHaveLength(3);
  });

  it("is empty for an empty range", () => {
    expect(weekKeysBetween(at("2026-03-04T00:00:00Z"), at("2026-03-04T00:00:00Z"))).toEqual([]);
  });
});

describe("splitAtHours", () => {
  it("cuts a range across midnight into whole hours per day and partial hours at its ends", () => {
    expect(splitAtHours({ since: at("2026-03-04T22:30:00Z"), until: at("2026-03-05T02:15:00Z") })).toEqual({
      hours: [
        { since: at("2026-03-04T23:00:00Z"), until: at("2026-03-05T00:00:00Z") },
        { since: at("2026-03-05T00:00:00Z"), until: at("2026-03-05T02:00:00Z") },
      ],
      partial: [
        { since: at("2026-03-04T22:30:00Z"), until: at("2026-03-04T23:00:00Z") },
        { since: at("2026-03-05T02:00:00Z"), until: at("2026-03-05T02:15:00Z") },
      ],
    });
  });

  it("leaves a range with no whole hour to the PRs", () => {
    const range = { since: at("2026-03-04T10:10:00Z"), until: at("2026-03-04T10:50:00Z") };
    expect(splitAtHours(range)).toEqual({ hours: [], partial: [range] });
  });
});
