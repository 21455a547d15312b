import type { ReadsAtSize, Timing } from "../../bench/measure-reads.js";
import { READ_REQUESTS } from "../../bench/reads-requests.js";
import { readsRows } from "../../bench/reads-rows.js";

const timing = (p50: number, p95: number, runs = 5): Timing => ({ runs, p50, p95 });

/** Every request at the same timing, some overridden. */
function size(prs: number, fill: Timing, overrides: Record<string, Timing> = {}): ReadsAtSize {
  const names = [...READ_REQUESTS.map((request) => request.name), "dashboard first view"];
  return {
    prs,
    seedSeconds: prs / 200,
    timings: { ...Object.fromEntries(names.map((name) => [name, fill])), ...overrides },
    rssBeforeMb: 120,
    rssWarmMb: 160,
    rssAfterMb: 200,
  };
}

const rowOf = (rows: string[][], start: string) => rows.find((row) => row[0].startsWith(start));

describe("the bench's reads rows", () => {
  it("hold each request's p95 to its target at the smaller size and to 2× at the larger", () => {
    const rows = readsRows({
      server: "test",
      sizes: [
        size(50_000, timing(10, 20), { "GET /metrics, the year": timing(250, 290) }),
        size(250_000, timing(15, 30), { "GET /metrics, the year": timing(400, 700) }),
      ],
    });
    expect(rowOf(rows, "reads: GET /pulls/:owner/:repo/:number")).toEqual([
      "reads: GET /pulls/:owner/:repo/:number (p50 / p95 of 5)",
      "10 ms / 20 ms @ 50,000",
      "15 ms / 30 ms @ 250,000",
      "1.50×",
      "p95 ≤ 30 ms; ≤ 2× at 5× PRs",
      "pass",
    ]);
    // Within 300 ms at 50,000, but more than doubled at 250,000.
    expect(rowOf(rows, "reads: GET /metrics, the year (")?.slice(3)).toEqual([
      "2.41×",
      "p95 ≤ 300 ms; ≤ 2× at 5× PRs",
      "FAIL",
    ]);
    expect(rowOf(rows, "reads: GET /sync")?.[4]).toBe("≤ 2× at 5× PRs");
    expect(
      rowOf(rows, "reads: API process RSS at start / after a first answer to each, 50,000")?.slice(1),
    ).toEqual(["120 → 160 MiB", "—", "1.33×", "info", "—"]);
    expect(
      rowOf(rows, "reads: API process RSS while answering (then every row timed), 50,000")?.slice(1),
    ).toEqual(["160 → 200 MiB", "—", "1.25×", "≤ 1.5×", "pass"]);
  });

  it("fail a request cut short, and judge one size on its targets alone", () => {
    const rows = readsRows({
      server: "test",
      sizes: [size(50_000, timing(5, 8), { "dashboard first view": timing(40_000, 40_000, 1) })],
    });
    expect(rowOf(rows, "reads: GET /pulls, first page")?.slice(2)).toEqual([
      "—",
      "—",
      "p95 ≤ 100 ms",
      "pass",
    ]);
    expect(rowOf(rows, "reads: GET /sync")?.slice(4)).toEqual(["info", "—"]);
    expect(rowOf(rows, "reads: dashboard first view")?.[0]).toContain("cut short");
    expect(rowOf(rows, "reads: dashboard first view")?.[5]).toBe("FAIL");
  });

  it("show a request that failed as its row's error, and measure the others", () => {
    const failed = { runs: 0, p50: Number.NaN, p95: Number.NaN, error: "GET /api/v1/dora: 500 boom\nmore" };
    const rows = readsRows({
      server: "test",
      sizes: [size(50_000, timing(5, 8)), size(250_000, timing(6, 9), { "GET /dora, the year": failed })],
    });
    expect(rowOf(rows, "reads: GET /dora")?.slice(2)).toEqual([
      "error @ 250,000: GET /api/v1/dora: 500 boom",
      "—",
      "p95 ≤ 300 ms; ≤ 2× at 5× PRs",
      "FAIL",
    ]);
    expect(rowOf(rows, "reads: GET /pulls, first page")?.[5]).toBe("pass");
  });

  it("show the error when the section crashed", () => {
    expect(readsRows(undefined, "seeding failed\nstack")).toEqual([
      ["reads", "error: seeding failed", "—", "—", "—", "error"],
    ]);
  });
});
