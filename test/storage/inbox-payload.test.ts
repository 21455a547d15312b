import { deflateRawSync } from "node:zlib";
import { Binary } from "mongodb";
import { packPayload, unpackPayload } from "../../src/storage/inbox/payload.js";

/** How a delivery's body is stored: compressed as it is acknowledged, read back as sent. */
describe("inbox payloads", () => {
  const body = JSON.stringify({ action: "edited", title: "Ünïcödé — ✓", text: "lorem ipsum ".repeat(500) });

  it("reads back the exact body, stored in a fraction of its bytes", () => {
    const packed = packPayload(body);
    expect(packed.length()).toBeLessThan(Buffer.byteLength(body) / 10);
    expect(unpackPayload(packed)).toBe(body);
  });

  it("still reads payloads stored deflated by earlier versions", () => {
    expect(unpackPayload(new Binary(deflateRawSync(body, { level: 1 })))).toBe(body);
  });
});
