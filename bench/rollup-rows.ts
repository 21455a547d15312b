import type { RollupUpkeepResult } from "./measure-rollup-upkeep.js";
import { describeTarget, meets, type Target } from "./stats.js";
import { formatNumber } from "./table.js";

/** Issue 10: keeping the rollups current may slow backfill or ingest by at most 20 %. */
export const ROLLUP_UPKEEP_TARGET = { kind: "atMost", value: 20 } satisfies Target;

/** The `rollups` section's row: the upkeep's share of storing a backfill's pages, judged. */
export function rollupRows(result: RollupUpkeepResult | undefined, error?: string): string[][] {
  if (!result)
    return [["rollup-upkeep", `error: ${error?.split("\n")[0] ?? "not measured"}`, "—", "—", "—", "error"]];
  const percent = (100 * result.upkeepMs) / Math.max(1, result.storeMs - result.upkeepMs);
  return [
    [
      `rollup-upkeep (${formatNumber(result.prs)} PRs, pages of ${result.pageSize}, ${formatNumber(result.rollups)} rollups)`,
      `${formatNumber(result.upkeepMs / 1000, 2)} s of ${formatNumber(result.storeMs / 1000, 2)} s storing`,
      `${formatNumber((result.storeMs - result.upkeepMs) / 1000, 2)} s without upkeep`,
      `+${formatNumber(percent, 1)} %`,
      describeTarget(ROLLUP_UPKEEP_TARGET, " %"),
      meets(percent, ROLLUP_UPKEEP_TARGET) ? "pass" : "FAIL",
    ],
  ];
}
