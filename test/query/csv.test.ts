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

describe("CSV formula injection (OWASP)", () => {
  it.each(['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "prefixes a text cell starting %j with a single quote",
    (title) => {
      const [, line] = toCsv([{ title }]).split("\n", 2);
      expect(line.replace(/^"|"$/g, "").startsWith(`'${title[0]}`)).toBe(true);
    },
  );

  it("keeps numbers numbers, negative ones included, and leaves ordinary text alone", () => {
    expect(toCsv([{ n: -3, m: 2.5, title: "fix: a-b" }])).toBe("n,m,title\n-3,2.5,fix: a-b\n");
  });

  it("neutralises a list whose first entry starts a formula", () => {
    expect(toCsv([{ labels: ["=cmd", "ok"] }])).toBe("labels\n'=cmd;ok\n");
  });
});
