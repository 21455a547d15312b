import { cliRows } from "../../bench/cli-rows.js";
import type { CliResult } from "../../bench/measure-cli.js";

const time = (wallMs: number, cpuMs = wallMs / 2) => ({ wallMs, cpuMs });
const measured = (overrides: Partial<CliResult> = {}): CliResult => ({
  runs: 5,
  node: time(50),
  help: time(200),
  version: time(180),
  metrics: time(800),
  metricsByWeek: time(900),
  prs: 360,
  ...overrides,
});

describe("the bench's cli rows", () => {
  it("judge each command's wall time against its target and show its ratio to a bare node start", () => {
    expect(cliRows(measured())).toEqual([
      [
        "mergelens --help (median of 5)",
        "0.20 s (CPU 0.10 s)",
        '0.05 s (CPU 0.03 s): node -e ""',
        "4.00×",
        "≤ 0.5 s",
        "pass",
      ],
      [
        "mergelens --version (median of 5)",
        "0.18 s (CPU 0.09 s)",
        '0.05 s (CPU 0.03 s): node -e ""',
        "3.60×",
        "≤ 0.5 s",
        "pass",
      ],
      [
        "mergelens metrics --repo, 360 PRs (median of 5)",
        "0.80 s (CPU 0.40 s)",
        '0.05 s (CPU 0.03 s): node -e ""',
        "16.0×",
        "≤ 1 s",
        "pass",
      ],
      [
        "mergelens metrics --repo --group-by week, 360 PRs (median of 5)",
        "0.90 s (CPU 0.45 s)",
        '0.05 s (CPU 0.03 s): node -e ""',
        "18.0×",
        "≤ 1 s",
        "pass",
      ],
    ]);
  });

  it("fail a command over its target", () => {
    const rows = cliRows(measured({ help: time(501), metrics: time(1001) }));
    expect(rows.map((row) => row.at(-1))).toEqual(["FAIL", "pass", "FAIL", "pass"]);
  });

  it("show a crashed measurement as one error row", () => {
    expect(cliRows(undefined, "dist/ is not built: run `npm run build` first\nat …")).toEqual([
      ["cli", "error: dist/ is not built: run `npm run build` first", "—", "—", "—", "error"],
    ]);
  });
});
