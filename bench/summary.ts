import type { IngestResult } from "./measure-ingest.js";
import type { Measured } from "./report.js";
import { per100, ratio, requestEquivalents, totalRequests, type ApiCost } from "./stats.js";

/** The headline figures as numbers, for scripts that read bench/results/latest.json. */
export interface Summary {
  requestsPer100?: { mergelens: number; baseline: number; ratio: number | null };
  requestEquivalentsPer100?: { mergelens: number; baseline: number; ratio: number | null };
  wallTimeRatio?: { throttled: number | null; unthrottled: number | null };
  memoryGrowth?: { peakRss: number | null; peakHeapUsed: number | null; peakLiveHeap: number | null };
  mergeToCompleteSeconds?: number | null;
  /** Applied figures are null for an app without issue 9's inbox. */
  ingest?: {
    acknowledgedPerSecond: { mergelens: number; bare: number; ratio: number | null };
    p50Ms: { mergelens: number; bare: number };
    p99Ms: { mergelens: number; bare: number };
    appliedPerSecond: number | null;
    drainSeconds: number | null;
    acknowledged: number;
    acknowledgedApplied: number | null;
    setAside: number | null;
  };
  openedToCompleteSeconds?: number | null;
}

function summarizeIngest({ mergelens, bare, drain }: IngestResult): NonNullable<Summary["ingest"]> {
  const measuredDrain = drain.status === "no-inbox" ? null : drain;
  return {
    acknowledgedPerSecond: {
      mergelens: mergelens.acknowledgedPerSecond,
      bare: bare.acknowledgedPerSecond,
      ratio: ratio(mergelens.acknowledgedPerSecond, bare.acknowledgedPerSecond),
    },
    p50Ms: { mergelens: mergelens.burst.latencyMs.p50, bare: bare.burst.latencyMs.p50 },
    p99Ms: { mergelens: mergelens.burst.latencyMs.p99, bare: bare.burst.latencyMs.p99 },
    appliedPerSecond: measuredDrain?.appliedPerSecond ?? null,
    drainSeconds: drain.status === "drained" ? drain.drainMs / 1000 : null,
    acknowledged: mergelens.burst.acknowledged,
    acknowledgedApplied: measuredDrain?.proof.applied ?? null,
    setAside: measuredDrain?.proof.failed ?? null,
  };
}

export function summarize(measured: Measured): Summary {
  const summary: Summary = {};
  const { requests, wallTime, memory, merge, ingest, opened } = measured;
  if (requests) {
    const pair = (value: (cost: ApiCost) => number) => {
      const mergelens = per100(value(requests.mergelens), requests.prs);
      const baseline = per100(value(requests.baseline), requests.prs);
      return { mergelens, baseline, ratio: ratio(baseline, mergelens) };
    };
    summary.requestsPer100 = pair(totalRequests);
    summary.requestEquivalentsPer100 = pair(requestEquivalents);
  }
  if (wallTime) {
    summary.wallTimeRatio = {
      throttled: ratio(wallTime.baselineMs, wallTime.mergelensMs),
      unthrottled: ratio(wallTime.baselineMs, wallTime.mergelensUnthrottledMs),
    };
  }
  const [small, large] = [memory?.[0], memory?.at(-1)];
  if (small && large) {
    summary.memoryGrowth = {
      peakRss: ratio(large.peakRssBytes, small.peakRssBytes),
      peakHeapUsed: ratio(large.peakHeapUsedBytes, small.peakHeapUsedBytes),
      peakLiveHeap: ratio(large.peakLiveHeapBytes, small.peakLiveHeapBytes),
    };
  }
  if (merge) summary.mergeToCompleteSeconds = merge.status === "measured" ? merge.ms / 1000 : null;
  if (ingest) summary.ingest = summarizeIngest(ingest);
  if (opened) summary.openedToCompleteSeconds = opened.status === "measured" ? opened.ms / 1000 : null;
  return summary;
}
