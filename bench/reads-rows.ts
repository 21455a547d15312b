import type { ReadsAtSize, ReadsResult, Timing } from "./measure-reads.js";
import { READ_REQUESTS, type ReadRequest } from "./reads-requests.js";
import { meets, ratio, type Target } from "./stats.js";
import { formatNumber, formatRatio } from "./table.js";

/** Issue 10's targets at the smaller size (50,000 PRs), in milliseconds of p95, and how cost may grow. */
export const READS_TARGETS = {
  metricsMs: { kind: "atMost", value: 300 },
  pageMs: { kind: "atMost", value: 100 },
  oneMs: { kind: "atMost", value: 30 },
  firstViewMs: { kind: "atMost", value: 1_000 },
  /** From the smaller size to the larger (5× the PRs): no p95 more than doubles. */
  growth: { kind: "atMost", value: 2 },
  /** The API process's RSS after answering every request six more times, over after its first answers. */
  rssGrowth: { kind: "atMost", value: 1.5 },
} satisfies Record<string, Target>;

const absoluteTarget = (kind: ReadRequest["kind"] | "view"): Target | null =>
  ({
    metrics: READS_TARGETS.metricsMs,
    page: READS_TARGETS.pageMs,
    one: READS_TARGETS.oneMs,
    view: READS_TARGETS.firstViewMs,
    other: null,
  })[kind];

const ms = (value: number) => `${formatNumber(value, value < 10 ? 1 : 0)} ms`;
const described = (timing: Timing | undefined, prs: number) => {
  if (!timing) return "—";
  if (timing.error) return `error @ ${formatNumber(prs)}: ${timing.error.split("\n")[0].slice(0, 80)}`;
  return `${ms(timing.p50)} / ${ms(timing.p95)} @ ${formatNumber(prs)}`;
};

/**
 * One row per request: p50 / p95 at the smaller size (the "mergelens" column) and at the larger (the
 * "baseline" column, here the same app at 5× the PRs), their p95 ratio, and the verdict on both targets.
 */
export function readsRows(result: ReadsResult | undefined, error?: string): string[][] {
  if (!result)
    return [["reads", `error: ${error?.split("\n")[0] ?? "not measured"}`, "—", "—", "—", "error"]];
  const [small, large] = result.sizes;
  const runs = Math.max(...Object.values(small.timings).map((timing) => timing.runs));
  const row = (name: string, kind: ReadRequest["kind"] | "view"): string[] => {
    const before = small.timings[name];
    const after = large?.timings[name];
    const growth = before && after && !before.error && !after.error ? ratio(after.p95, before.p95) : null;
    const target = absoluteTarget(kind);
    // Cut short, or failed (no runs): either fails the row.
    const fewer = [before, after].some((timing) => timing && timing.runs < runs);
    const pass =
      (target === null || meets(before?.p95 ?? null, target)) &&
      (large === undefined || meets(growth, READS_TARGETS.growth)) &&
      !fewer;
    return [
      `reads: ${name} (p50 / p95 of ${runs}${fewer ? ", cut short" : ""})`,
      described(before, small.prs),
      large ? described(after, large.prs) : "—",
      formatRatio(growth),
      [
        target ? `p95 ≤ ${target.value} ms` : undefined,
        large ? `≤ ${READS_TARGETS.growth.value}× at ${formatNumber(large.prs / small.prs)}× PRs` : undefined,
      ]
        .filter(Boolean)
        .join("; ") || "info",
      target === null && large === undefined && !fewer ? "—" : pass ? "pass" : "FAIL",
    ];
  };
  const rss = (size: ReadsAtSize): string[][] => {
    const growth = ratio(size.rssAfterMb, size.rssWarmMb);
    return [
      [
        `reads: API process RSS at start / after a first answer to each, ${formatNumber(size.prs)} PRs`,
        `${formatNumber(size.rssBeforeMb)} → ${formatNumber(size.rssWarmMb)} MiB`,
        "—",
        formatRatio(ratio(size.rssWarmMb, size.rssBeforeMb)),
        "info",
        "—",
      ],
      [
        `reads: API process RSS while answering (then every row timed), ${formatNumber(size.prs)} PRs`,
        `${formatNumber(size.rssWarmMb)} → ${formatNumber(size.rssAfterMb)} MiB`,
        "—",
        formatRatio(growth),
        `≤ ${READS_TARGETS.rssGrowth.value}×`,
        meets(growth, READS_TARGETS.rssGrowth) ? "pass" : "FAIL",
      ],
    ];
  };
  return [
    ...READ_REQUESTS.map((request) => row(request.name, request.kind)),
    row("dashboard first view", "view"),
    ...result.sizes.flatMap(rss),
    [
      "reads: seeding (PRs stored per second)",
      result.sizes
        .map((size) => `${formatNumber(size.prs)} in ${formatNumber(size.seedSeconds)} s`)
        .join("; "),
      "—",
      "—",
      "info",
      "—",
    ],
  ];
}
