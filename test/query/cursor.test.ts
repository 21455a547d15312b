import { decodeCursor, encodeCursor } from "../../src/query/cursor.js";

describe("PR list cursors", () => {
  it("round-trip a position", () => {
    const position = { createdAt: new Date("2024-05-01T10:00:00.123Z"), prId: 42 };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
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
