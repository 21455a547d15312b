import { flattenRecord, toCsv } from "../../src/query/csv.js";

describe("CSV for lists", () => {
  it("flattens nested objects into dotted columns, lists into ;-joined cells, null into empty", () => {
    const row = flattenRecord({
      a: { b: 1, c: { d: true } },
      at: new Date("2024-05-01T00:00:00Z"),
      labels: ["x", "y"],
      none: null,
    });
    expect(Object.fromEntries(row)).toEqual({
      "a.b": 1,
      "a.c.d": "true",
      at: "2024-05-01T00:00:00.000Z",
      labels: "x;y",
      none: "",
    });
  });

  it("quotes cells that need it and keeps a given header for an empty list", () => {
    expect(toCsv([{ name: 'say "hi", then go', n: 0 }])).toBe('name,n\n"say ""hi"", then go",0\n');
    expect(toCsv([], ["a", "b.c"])).toBe("a,b.c\n");
  });
});
