import type { CliResult, CommandTime } from "./measure-cli.js";
import { describeTarget, meets, ratio, type Target } from "./stats.js";
import { formatNumber, formatRatio } from "./table.js";

/** Issue 13's targets for the compiled `mergelens` command: wall time, in seconds. */
export const CLI_TARGETS = {
  helpSeconds: { kind: "atMost", value: 0.5 },
  metricsSeconds: { kind: "atMost", value: 1 },
} satisfies Record<string, Target>;

const seconds = (ms: number) => `${formatNumber(ms / 1000, 2)} s`;
const described = (time: CommandTime) => `${seconds(time.wallMs)} (CPU ${seconds(time.cpuMs)})`;

/**
 * The table's `cli` rows: each command's median wall time, judged, with its CPU time, against a bare node
 * start (the baseline: on a busy machine both slow down, and the ratio shows what the command adds).
 */
export function cliRows(result: CliResult | undefined, error?: string): string[][] {
  if (!result) return [["cli", `error: ${error?.split("\n")[0] ?? "not measured"}`, "—", "—", "—", "error"]];
  const row = (name: string, time: CommandTime, target: Target) => [
    `mergelens ${name} (median of ${result.runs})`,
    described(time),
    `${described(result.node)}: node -e ""`,
    formatRatio(ratio(time.wallMs, result.node.wallMs)),
    describeTarget(target, " s"),
    meets(time.wallMs / 1000, target) ? "pass" : "FAIL",
  ];
  const demo = `${formatNumber(result.prs)} PRs`;
  return [
    row("--help", result.help, CLI_TARGETS.helpSeconds),
    row("--version", result.version, CLI_TARGETS.helpSeconds),
    row(`metrics --repo, ${demo}`, result.metrics, CLI_TARGETS.metricsSeconds),
    row(`metrics --repo --group-by week, ${demo}`, result.metricsByWeek, CLI_TARGETS.metricsSeconds),
  ];
}
