import { everyAcknowledgedApplied } from "./inbox-contract.js";
import type { IngestResult, IngestSide } from "./measure-ingest.js";
import { describeTarget, meets, ratio, type Target } from "./stats.js";
import { formatNumber, formatRatio, formatSeconds } from "./table.js";

/** Issue 9's targets on the embedded database. */
export const INGEST_TARGETS = {
  acknowledgedShareOfBare: { kind: "atLeast", value: 0.5 },
  p99Ms: { kind: "atMost", value: 100 },
  appliedPerSecond: { kind: "atLeast", value: 200 },
  drainSeconds: { kind: "atMost", value: 60 },
} satisfies Record<string, Target>;

type Row = string[];
const verdict = (pass: boolean) => (pass ? "pass" : "FAIL");
const ms = (value: number) => `${formatNumber(value, value < 10 ? 1 : 0)} ms`;
const answers = ({ burst }: IngestSide) =>
  `${formatNumber(burst.sent)}; ${formatNumber(burst.refused)}; ${formatNumber(burst.timeouts + burst.errors)}`;

function acknowledgementRows(result: IngestResult): Row[] {
  const { mergelens, bare } = result;
  const share = ratio(mergelens.acknowledgedPerSecond, bare.acknowledgedPerSecond);
  const burst = `${mergelens.burst.connections} conn, ${formatSeconds(mergelens.burst.durationMs)}`;
  return [
    [
      `ingest: backfill before the burst (${result.repos} × ${result.prsPerRepo} PRs)`,
      `${formatSeconds(result.backfillMs)}, ${formatNumber(result.prsStored)} PRs`,
      "—",
      "—",
      "info",
      "—",
    ],
    [
      `ingest: acknowledged deliveries/s (${burst})`,
      formatNumber(mergelens.acknowledgedPerSecond, 1),
      formatNumber(bare.acknowledgedPerSecond, 1),
      formatRatio(share),
      describeTarget(INGEST_TARGETS.acknowledgedShareOfBare, "× bare"),
      verdict(meets(share, INGEST_TARGETS.acknowledgedShareOfBare)),
    ],
    [
      "ingest: acknowledgement latency p50",
      ms(mergelens.burst.latencyMs.p50),
      ms(bare.burst.latencyMs.p50),
      "—",
      "info",
      "—",
    ],
    [
      "ingest: acknowledgement latency p99",
      ms(mergelens.burst.latencyMs.p99),
      ms(bare.burst.latencyMs.p99),
      "—",
      `${describeTarget(INGEST_TARGETS.p99Ms)} ms`,
      // No 2xx at all leaves an empty histogram: a p99 of 0 must not pass.
      verdict(mergelens.burst.acknowledged > 0 && meets(mergelens.burst.latencyMs.p99, INGEST_TARGETS.p99Ms)),
    ],
    ["ingest: sent; not 2xx; no answer in 10 s", answers(mergelens), answers(bare), "—", "info", "—"],
  ];
}

function drainRows(result: IngestResult): Row[] {
  const { drain } = result;
  const applied = "ingest: applied deliveries/s (burst start → drained)";
  const drained = "ingest: burst end → backlog drained";
  const proof = "ingest: acknowledged deliveries applied; set aside";
  const appliedTarget = `${describeTarget(INGEST_TARGETS.appliedPerSecond)}/s`;
  const drainTarget = `${describeTarget(INGEST_TARGETS.drainSeconds)} s`;
  if (drain.status === "no-inbox") {
    const none = "n/a (no inbox)";
    const acknowledged = `${none}: ${formatNumber(result.mergelens.burst.acknowledged)} acknowledged`;
    return [
      [applied, none, "—", "—", appliedTarget, "skipped"],
      [drained, none, "—", "—", drainTarget, "skipped"],
      [proof, acknowledged, "—", "—", "all; 0", "skipped"],
    ];
  }
  const { proof: tally } = drain;
  const proofCell = `${formatNumber(tally.applied)} / ${formatNumber(tally.acknowledged)}; ${formatNumber(tally.failed)}`;
  const proofPass = everyAcknowledgedApplied(tally);
  if (drain.status === "timeout") {
    return [
      [applied, `${formatNumber(drain.appliedPerSecond, 1)} (not drained)`, "—", "—", appliedTarget, "FAIL"],
      [
        drained,
        `> ${formatSeconds(drain.timeoutMs)} (${formatNumber(drain.pending)} pending)`,
        "—",
        "—",
        drainTarget,
        "FAIL",
      ],
      [proof, proofCell, "—", "—", "all; 0", verdict(proofPass)],
    ];
  }
  return [
    [
      applied,
      formatNumber(drain.appliedPerSecond, 1),
      "—",
      "—",
      appliedTarget,
      verdict(meets(drain.appliedPerSecond, INGEST_TARGETS.appliedPerSecond)),
    ],
    [
      drained,
      formatSeconds(drain.drainMs),
      "—",
      "—",
      drainTarget,
      verdict(meets(drain.drainMs / 1000, INGEST_TARGETS.drainSeconds)),
    ],
    [proof, proofCell, "—", "—", "all; 0", verdict(proofPass)],
  ];
}

/** The ingest section's rows: mergelens against the bare Probot app, then the backlog and its proof. */
export function ingestRows(result: IngestResult): Row[] {
  return [...acknowledgementRows(result), ...drainRows(result)];
}
