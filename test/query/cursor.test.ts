import { MAX_PACE_MS, decodeCursor, encodeCursor } from "../../src/query/cursor.js";

describe("PR list cursors", () => {
  it("round-trip a position", () => {
    const position = { createdAt: new Date("2024-05-01T10:00:00.123Z"), prId: 42 };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("round-trip the page's pace, in whole ms, at most a month a PR", () => {
    const position = { createdAt: new Date("2024-05-01T10:00:00.123Z"), prId: 42 };
    expect(decodeCursor(encodeCursor({ ...position, paceMs: 1234.4 }))).toEqual({
      ...position,
      paceMs: 1234,
    });
    expect(decodeCursor(encodeCursor({ ...position, paceMs: 1e15 }))?.paceMs).toBe(MAX_PACE_MS);
  });

  it("accept a cursor from before the pace was added", () => {
    const old = Buffer.from(JSON.stringify({ c: "2024-05-01T00:00:00Z", i: 7 })).toString("base64url");
    expect(decodeCursor(old)).toEqual({ createdAt: new Date("2024-05-01T00:00:00Z"), prId: 7 });
  });

  it.each([
    [
      "a negative pace",
      Buffer.from(JSON.stringify({ c: "2024-05-01T00:00:00Z", i: 1, p: -1 })).toString("base64url"),
    ],
    [
      "a pace past a month",
      Buffer.from(JSON.stringify({ c: "2024-05-01T00:00:00Z", i: 1, p: MAX_PACE_MS + 1 })).toString(
        "base64url",
      ),
    ],
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["the wrong shape", Buffer.from(JSON.stringify({ c: "2024-05-01T00:00:00Z" })).toString("base64url")],
    ["an operator", Buffer.from(JSON.stringify({ c: { $gt: "" }, i: 1 })).toString("base64url")],
    [
      "extra keys",
      Buffer.from(JSON.stringify({ c: "2024-05-01T00:00:00Z", i: 1, x: 1 })).toString("base64url"),
    ],
  ])("refuse %s", (_label, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
