import { writeSlicesIfNewer, type BuiltSlices } from "../../src/storage/rollups/write-slices.js";
import { clearStore, useTestDatabase } from "../harness/database.js";

const db = useTestDatabase();
const bytes = (text: string) => Buffer.from(text);
const built = (marks: number, text: string | null): BuiltSlices => ({
  rollupId: "1:11:2024-05-06",
  installationId: 1,
  repoId: 11,
  week: new Date("2024-05-06T00:00:00Z"),
  marks,
  data:
    text === null
      ? null
      : {
          authors: bytes(`a${text}`),
          reviewers: bytes(`r${text}`),
          days: bytes(`d${text}`),
          dayHours: bytes(`h${text}`),
          dayAuthors: bytes(`p${text}`),
          dayReviewers: bytes(`q${text}`),
        },
});
const stored = async () =>
  (await db.store().rollupSlices.find({}).sort({ _id: 1 }).lean()).map((slice) => [
    slice.kind,
    slice.marks,
    slice.data ? Buffer.from(slice.data.buffer).toString() : null,
  ]);

beforeEach(() => clearStore(db.store()));

describe("writeSlicesIfNewer", () => {
  it("keeps the slices of a later mark when an earlier build writes after it", async () => {
    await writeSlicesIfNewer(db.store(), [built(5, "new")]);
    await writeSlicesIfNewer(db.store(), [built(4, "old")]);
    expect(await stored()).toEqual([
      ["authors", 5, "anew"],
      ["dayAuthors", 5, "pnew"],
      ["dayHours", 5, "hnew"],
      ["dayReviewers", 5, "qnew"],
      ["days", 5, "dnew"],
      ["reviewers", 5, "rnew"],
    ]);
  });

  it("replaces older slices, and empties them when the week becomes empty", async () => {
    await writeSlicesIfNewer(db.store(), [built(1, "one")]);
    await writeSlicesIfNewer(db.store(), [built(2, "two")]);
    expect((await stored()).map(([, marks, data]) => [marks, data])).toEqual([
      [2, "atwo"],
      [2, "ptwo"],
      [2, "htwo"],
      [2, "qtwo"],
      [2, "dtwo"],
      [2, "rtwo"],
    ]);
    await writeSlicesIfNewer(db.store(), [built(3, null)]);
    expect((await stored()).map(([, marks, data]) => [marks, data])).toEqual([
      [3, null],
      [3, null],
      [3, null],
      [3, null],
      [3, null],
      [3, null],
    ]);
  });
});
