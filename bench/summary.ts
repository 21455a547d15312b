import type { Measured } from "./report.js";
import { per100, ratio, requestEquivalents, totalRequests, type ApiCost } from "./stats.js";

/** The headline figures as numbers, for scripts that read bench/results/latest.json. */
export interface Summary {
  requestsPer100?: { mergelens: number; baseline: number; ratio: number | null };
  requestEquivalentsPer100?: { mergelens: number; baseline: number; ratio: number | null };
  wallTimeRatio?: { throttled: number | null; unthrottled: number | null };
  memoryGrowth?: { peakRss: number | null; peakHeapUsed: number | null; peakLiveHeap: number | null };
  mergeToCompleteSeconds?: number | null;
  openedToCompleteSeconds?: number | null;
}

export function summarize(measured: Measured): Summary {
  const summary: Summary = {};
  const { requests, wallTime, memory, merge, opened } = measured;
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
  if (opened) summary.openedToCompleteSeconds = opened.status === "measured" ? opened.ms / 1000 : null;
  return summary;
}
