import type { DaySlice, PersonPart } from "../../metrics/rollup-build.js";
import { CorruptRollupError, encodePart, encodePeople, type StoredBytes, viewOf } from "./codec.js";

/** A day's sections in a week's days binary, in this order. */
const DAY_SECTIONS = ["total", "authors", "reviewers", "hours"] as const;
export type DaySection = (typeof DAY_SECTIONS)[number];
const DAYS = 7;
/** Where each section sits: a uint32 offset and a uint32 length per day and section. */
const TABLE = DAYS * DAY_SECTIONS.length * 8;

const padded = (length: number) => Math.ceil(length / 8) * 8;

/** A day's encoded sections; null for a day with nothing. */
type PackedDay = Partial<Record<DaySection, Buffer>> | null;

/**
 * A week's seven days (Monday first) as one binary: a table of where each day's sections sit (a uint32
 * offset and length per day and section), then each of them 8-byte aligned, so a reader decodes only
 * the section it needs. A day with nothing, and a section left out, are empty.
 */
function packDays(days: readonly PackedDay[]): Buffer {
  if (days.length !== DAYS) throw new Error(`a week has ${DAYS} days, not ${days.length}`);
  const sections = days.flatMap((day) => DAY_SECTIONS.map((section) => day?.[section] ?? Buffer.alloc(0)));
  const packed = Buffer.alloc(TABLE + sections.reduce((total, section) => total + padded(section.length), 0));
  let offset = TABLE;
  sections.forEach((section, index) => {
    packed.writeUInt32LE(offset, index * 8);
    packed.writeUInt32LE(section.length, index * 8 + 4);
    section.copy(packed, offset);
    offset += padded(section.length);
  });
  return packed;
}

/**
 * A repository-week's days: each day's total (`encodePart`), authors and reviewers (`encodePeople`) and
 * its 24 hours' totals (flattened one after another), or only the sections in `only`.
 */
export function encodeDays(days: readonly DaySlice[], only: readonly DaySection[] = DAY_SECTIONS): Buffer {
  const encode: Record<DaySection, (day: NonNullable<DaySlice>) => Buffer> = {
    total: (day) => encodePart(day.total),
    authors: (day) => encodePeople(day.authors),
    reviewers: (day) => encodePeople(day.reviewers),
    hours: (day) => Buffer.concat(day.hours.map(encodePart)),
  };
  return packDays(
    days.map((day) => day && Object.fromEntries(only.map((section) => [section, encode[section](day)]))),
  );
}

/** An installation-week's days of one list of people (each day's as `encodePeople`; null: nobody). */
export function encodeDayPeople(
  days: readonly (readonly PersonPart[] | null)[],
  section: "authors" | "reviewers",
): Buffer {
  return packDays(days.map((people) => people && { [section]: encodePeople(people) }));
}

/** One day's section of a stored days binary (day 0 is Monday); null when that day had nothing. */
export function daySection(stored: StoredBytes, day: number, section: DaySection): Buffer | null {
  const bytes = viewOf(stored);
  if (bytes.length < TABLE || day < 0 || day >= DAYS) throw new CorruptRollupError("days");
  const entry = (day * DAY_SECTIONS.length + DAY_SECTIONS.indexOf(section)) * 8;
  const offset = bytes.readUInt32LE(entry);
  const length = bytes.readUInt32LE(entry + 4);
  if (offset + length > bytes.length) throw new CorruptRollupError("days");
  return length === 0 ? null : bytes.subarray(offset, offset + length);
}
