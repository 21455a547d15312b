import type { BodiesResult, BodyAnswer } from "./measure-bodies.js";
import { describeTarget, mebibytes, meets, type Target } from "./stats.js";
import { formatNumber } from "./table.js";

/** Issue 12's proof for oversized webhook bodies. */
export const BODIES_TARGETS = {
  answerMs: { kind: "atMost", value: 200 },
  rssGrowthMb: { kind: "atMost", value: 50 },
  logGrowthKb: { kind: "atMost", value: 10 },
} satisfies Record<string, Target>;

const TOO_LARGE = 413;
const megabytes = (bytes: number) => `${formatNumber(mebibytes(bytes), 1)} MB`;
const verdict = (passed: boolean) => (passed ? "pass" : "FAIL");

function answerRow(answer: BodyAnswer): string[] {
  const outcome = answer.status === null ? `no answer (${answer.error ?? "?"})` : String(answer.status);
  const judged = answer.status === TOO_LARGE && meets(answer.ms, BODIES_TARGETS.answerMs);
  return [
    `bodies: ${megabytes(answer.bytes)}, ${answer.kind} signature`,
    `${outcome} in ${formatNumber(answer.ms)} ms`,
    "—",
    "—",
    `${TOO_LARGE} in ${describeTarget(BODIES_TARGETS.answerMs, " ms")}`,
    verdict(judged),
  ];
}

/** The `bodies` section's rows: each body's answer, then the app's memory and log growth over both. */
export function bodiesRows(result: BodiesResult | undefined, error?: string): string[][] {
  if (!result)
    return [["bodies", `error: ${error?.split("\n")[0] ?? "not measured"}`, "—", "—", "—", "error"]];
  const growth = result.rssPeakBytes - result.rssBeforeBytes;
  const logKb = result.logBytes / 1024;
  return [
    ...result.answers.map(answerRow),
    [
      "bodies: app RSS growth (peak, both bodies)",
      megabytes(growth),
      `${megabytes(result.rssBeforeBytes)} before`,
      "—",
      describeTarget(BODIES_TARGETS.rssGrowthMb, " MB"),
      verdict(meets(mebibytes(growth), BODIES_TARGETS.rssGrowthMb)),
    ],
    [
      "bodies: app log growth (both bodies)",
      `${formatNumber(logKb, 1)} KB`,
      "—",
      "—",
      describeTarget(BODIES_TARGETS.logGrowthKb, " KB"),
      verdict(meets(logKb, BODIES_TARGETS.logGrowthKb)),
    ],
  ];
}
