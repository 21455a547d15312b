import { constants, PerformanceObserver } from "node:perf_hooks";

export interface HeapPeaks {
  /** Highest `heapUsed` seen by sampling: live objects plus garbage not yet collected. */
  peakHeapUsedBytes: number;
  /** Highest `heapUsed` just after a full collection: what the process really holds. */
  peakLiveHeapBytes: number;
}

const isMajorGc = (detail: unknown): boolean =>
  typeof detail === "object" &&
  detail !== null &&
  "kind" in detail &&
  detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR;

/**
 * Samples the heap every `everyMs` and after every full garbage collection until `stop()`. When the
 * process runs with `--expose-gc`, `stop()` collects once more so a run too short for V8 to have
 * collected still reports its live heap.
 */
export function sampleHeap(everyMs: number): { stop(): HeapPeaks } {
  const heapUsed = () => process.memoryUsage().heapUsed;
  const peaks: HeapPeaks = { peakHeapUsedBytes: heapUsed(), peakLiveHeapBytes: 0 };
  const timer = setInterval(() => {
    peaks.peakHeapUsedBytes = Math.max(peaks.peakHeapUsedBytes, heapUsed());
  }, everyMs);
  const observer = new PerformanceObserver((list) => {
    // Node adds `detail` to gc entries; the DOM typing of PerformanceEntry (tsconfig lib) lacks it.
    if (list.getEntries().some((entry) => isMajorGc((entry as { detail?: unknown }).detail))) {
      peaks.peakLiveHeapBytes = Math.max(peaks.peakLiveHeapBytes, heapUsed());
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      peaks.peakHeapUsedBytes = Math.max(peaks.peakHeapUsedBytes, heapUsed());
      const collect: unknown = Reflect.get(globalThis, "gc");
      if (typeof collect === "function") {
        collect();
        peaks.peakLiveHeapBytes = Math.max(peaks.peakLiveHeapBytes, heapUsed());
      }
      return { ...peaks };
    },
  };
}
