import {
  countStates,
  entriesOf,
  everyAcknowledgedApplied,
  tallyAcknowledged,
} from "../../bench/inbox-contract.js";
import { acknowledgedPerSecond, drainFigures, type DrainResult } from "../../bench/ingest-figures.js";
import type { BurstResult } from "../../bench/fire-deliveries.js";
import type { IngestResult } from "../../bench/measure-ingest.js";
import { benchOptions } from "../../bench/options.js";
import { ingestRows } from "../../bench/report-ingest.js";

const burst = (overrides: Partial<BurstResult>): BurstResult => ({
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:20.000Z",
  durationMs: 20_000,
  connections: 10,
  sent: 0,
  acknowledged: 0,
  refused: 0,
  timeouts: 0,
  errors: 0,
  statusCounts: {},
  latencyMs: { p50: 0, p99: 0, max: 0, mean: 0 },
  ...overrides,
});

function result(mergelens: Partial<BurstResult>, drain: DrainResult): IngestResult {
  const ours = burst(mergelens);
  const bare = burst({
    sent: 20_890,
    acknowledged: 20_880,
    latencyMs: { p50: 8, p99: 15, max: 40, mean: 9 },
  });
  return {
    repos: 3,
    prsPerRepo: 120,
    backfillMs: 90_000,
    prsStored: 360,
    poolSize: 3000,
    poolKinds: {},
    bare: { burst: bare, acknowledgedPerSecond: acknowledgedPerSecond(bare) },
    mergelens: { burst: ours, acknowledgedPerSecond: acknowledgedPerSecond(ours) },
    drain,
  };
}

const verdicts = (rows: string[][]) => Object.fromEntries(rows.map((row) => [row[0].split(" (")[0], row[5]]));

describe("the ingest section's figures", () => {
  it("finds where every acknowledged delivery ended up, counting a duplicate id once", () => {
    const entries = [
      { _id: "a", state: "applied" },
      { _id: "b", state: "failed", lastError: "E11000" },
      { _id: "c", state: "pending" },
      { _id: "d", state: "applied" },
      { _id: "e", state: "claimed" },
    ];
    expect(tallyAcknowledged(["a", "b", "c", "x", "a", "e"], entries)).toEqual({
      acknowledged: 5,
      applied: 1,
      failed: 1,
      pending: 2,
      missing: 1,
      errors: ["E11000"],
    });
    expect(countStates(entries)).toEqual({ pending: 2, applied: 2, failed: 1 });
  });

  it("reads each delivery's state out of its batch", () => {
    const progress = (fields: object) => ({ done: false, setAside: false, lastError: null, ...fields });
    expect(
      entriesOf({
        state: "pending",
        deliveries: [{ id: "a" }, { id: "b" }, { id: "c" }],
        progress: { "0": progress({ done: true }), "1": progress({ setAside: true, lastError: "E" }) },
      }),
    ).toEqual([
      { _id: "a", state: "applied" },
      { _id: "b", state: "failed", lastError: "E" },
      { _id: "c", state: "pending" },
    ]);
    expect(entriesOf({ state: "failed", deliveries: [{ id: "d" }] })).toEqual([
      { _id: "d", state: "applied" },
    ]);
  });

  it("proves the ingest only when every acknowledged delivery was applied", () => {
    const tally = { acknowledged: 3, applied: 3, failed: 0, pending: 0, missing: 0, errors: [] };
    expect(everyAcknowledgedApplied(tally)).toBe(true);
    expect(everyAcknowledgedApplied({ ...tally, applied: 2, missing: 1 })).toBe(false);
    expect(everyAcknowledgedApplied({ ...tally, acknowledged: 0, applied: 0 })).toBe(false);
  });

  it("rates acknowledgements over the burst and application over burst start → drained", () => {
    expect(acknowledgedPerSecond(burst({ acknowledged: 300, durationMs: 20_000 }))).toBe(15);
    expect(acknowledgedPerSecond(burst({ acknowledged: 300, durationMs: 0 }))).toBe(0);
    const before = { pending: 0, applied: 1, failed: 0 };
    const after = { pending: 0, applied: 10_001, failed: 2 };
    expect(drainFigures(before, after, { burstStart: 0, burstEnd: 20_000, drainedAt: 25_000 })).toEqual({
      drainMs: 5_000,
      applied: 10_000,
      appliedPerSecond: 400,
      failed: 2,
    });
  });

  it("judges each target, and says n/a rather than pass for an app without the inbox", () => {
    const slow = { sent: 310, acknowledged: 300, latencyMs: { p50: 650, p99: 998, max: 1200, mean: 640 } };
    expect(verdicts(ingestRows(result(slow, { status: "no-inbox" })))).toMatchObject({
      "ingest: acknowledged deliveries/s": "FAIL",
      "ingest: acknowledgement latency p99": "FAIL",
      "ingest: applied deliveries/s": "skipped",
      "ingest: burst end → backlog drained": "skipped",
      "ingest: acknowledged deliveries applied; set aside": "skipped",
    });
    const fast = { sent: 12_010, acknowledged: 12_000, latencyMs: { p50: 9, p99: 40, max: 80, mean: 12 } };
    const tally = { acknowledged: 12_000, applied: 12_000, failed: 0, pending: 0, missing: 0, errors: [] };
    const drained: DrainResult = {
      status: "drained",
      drainMs: 4_000,
      applied: 12_001,
      appliedPerSecond: 500,
      failed: 0,
      proof: tally,
    };
    expect(verdicts(ingestRows(result(fast, drained)))).toMatchObject({
      "ingest: acknowledged deliveries/s": "pass",
      "ingest: acknowledgement latency p99": "pass",
      "ingest: applied deliveries/s": "pass",
      "ingest: burst end → backlog drained": "pass",
      "ingest: acknowledged deliveries applied; set aside": "pass",
    });
    const lost = { ...drained, proof: { ...tally, applied: 11_999, missing: 1 } };
    expect(
      verdicts(ingestRows(result(fast, lost)))["ingest: acknowledged deliveries applied; set aside"],
    ).toBe("FAIL");
    const stuck: DrainResult = { ...drained, status: "timeout", timeoutMs: 120_000, pending: 40 };
    expect(verdicts(ingestRows(result(fast, stuck)))["ingest: burst end → backlog drained"]).toBe("FAIL");
  });

  it("does not pass a p99 of an empty histogram", () => {
    const none = { sent: 10, acknowledged: 0, timeouts: 10 };
    expect(
      verdicts(ingestRows(result(none, { status: "no-inbox" })))["ingest: acknowledgement latency p99"],
    ).toBe("FAIL");
  });
});

describe("bench sections", () => {
  it("runs every section by default, and one or a few with --only or BENCH_ONLY", () => {
    expect([...benchOptions([], {}).sections]).toEqual([
      "requests",
      "wall-time",
      "memory",
      "merge",
      "opened",
      "ingest",
      "cli",
      "bodies",
      "rollups",
      "reads",
    ]);
    expect([...benchOptions(["--only", "ingest", "--quick"], {}).sections]).toEqual(["ingest"]);
    expect([...benchOptions(["--only=merge,ingest"], {}).sections]).toEqual(["merge", "ingest"]);
    expect([...benchOptions([], { BENCH_ONLY: "wall-time" }).sections]).toEqual(["wall-time"]);
    // Memory compares with the requests section's backfill.
    expect(new Set(benchOptions(["--only", "memory"], {}).sections)).toEqual(new Set(["memory", "requests"]));
  });

  it("refuses an unknown or missing section with the names it knows", () => {
    expect(() => benchOptions(["--only", "ingset"], {})).toThrow(/unknown section ingset/);
    expect(() => benchOptions(["--only"], {})).toThrow(
      /requests, wall-time, memory, merge, opened, ingest, cli, bodies, rollups/,
    );
  });

  it("sizes the ingest burst as issue 9 measured it, and smaller when quick", () => {
    expect(benchOptions([], {}).ingest).toMatchObject({
      connections: 10,
      durationSeconds: 20,
      repos: 3,
      prsPerRepo: 120,
    });
    expect(benchOptions(["--quick"], {}).ingest).toMatchObject({ connections: 10, durationSeconds: 5 });
  });
});
