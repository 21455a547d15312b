import { bodiesRows } from "../../bench/bodies-rows.js";
import { oversizedPayload, type BodiesResult } from "../../bench/measure-bodies.js";

const MB = 1024 * 1024;
const measured = (overrides: Partial<BodiesResult> = {}): BodiesResult => ({
  answers: [
    { kind: "forged", bytes: 30 * MB, status: 413, ms: 31 },
    { kind: "valid", bytes: 30 * MB, status: 413, ms: 24 },
  ],
  rssBeforeBytes: 170 * MB,
  rssPeakBytes: 171.5 * MB,
  logBytes: 310,
  ...overrides,
});

describe("the bench's bodies rows", () => {
  it("judge each answer, the app's RSS growth and its log growth against issue 12's targets", () => {
    expect(bodiesRows(measured())).toEqual([
      ["bodies: 30.0 MB, forged signature", "413 in 31 ms", "—", "—", "413 in ≤ 200 ms", "pass"],
      ["bodies: 30.0 MB, valid signature", "413 in 24 ms", "—", "—", "413 in ≤ 200 ms", "pass"],
      ["bodies: app RSS growth (peak, both bodies)", "1.5 MB", "170.0 MB before", "—", "≤ 50 MB", "pass"],
      ["bodies: app log growth (both bodies)", "0.3 KB", "—", "—", "≤ 10 KB", "pass"],
    ]);
  });

  it("fail a slow answer, another status, no answer, and growth past the targets", () => {
    const rows = bodiesRows(
      measured({
        answers: [
          { kind: "forged", bytes: 30 * MB, status: 413, ms: 201 },
          { kind: "valid", bytes: 30 * MB, status: 500, ms: 20 },
          { kind: "valid", bytes: 30 * MB, status: null, ms: 11, error: "write ECONNRESET" },
        ],
        rssPeakBytes: 221 * MB,
        logBytes: 10.5 * 1024,
      }),
    );
    expect(rows.map((row) => row[1])).toEqual([
      "413 in 201 ms",
      "500 in 20 ms",
      "no answer (write ECONNRESET) in 11 ms",
      "51.0 MB",
      "10.5 KB",
    ]);
    expect(rows.every((row) => row.at(-1) === "FAIL")).toBe(true);
  });

  it("show a crashed measurement as one error row", () => {
    expect(bodiesRows(undefined, "no VmRSS in /proc/1/status\nat …")).toEqual([
      ["bodies", "error: no VmRSS in /proc/1/status", "—", "—", "—", "error"],
    ]);
  });
});

describe("the oversized delivery", () => {
  it("is GitHub's pull_request.opened example, exactly the size asked for", () => {
    const body = oversizedPayload(MB);
    expect(Buffer.byteLength(body)).toBe(MB);
    expect(JSON.parse(body)).toMatchObject({ action: "opened", pull_request: { body: expect.any(String) } });
  });
});
