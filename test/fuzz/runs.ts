import fc from "fast-check";

/**
 * How many random inputs a property tries: a few hundred in `npm test`, more with `npm run fuzz`
 * (FUZZ_RUNS). A failure prints fast-check's seed and path, so it can be replayed.
 */
export const fuzzRuns = (fallback: number): number => {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};

/**
 * The time one input may take before it counts as a hang (issue 12: bounded time per input). A guard,
 * not a speed target: inputs take milliseconds, a few hundred on a loaded 2-core CI machine, while a
 * hang or catastrophic backtracking on the 20,000-character strings takes far longer.
 */
export const INPUT_BOUND_MS = 10_000;

/** fast-check's parameters for an async property: the runs, and a run over the bound failing it. */
export const boundedRuns = (fallbackRuns: number, boundMs = INPUT_BOUND_MS) => ({
  numRuns: fuzzRuns(fallbackRuns),
  // It stops waiting for the run (it cannot stop the run itself) and reports that input as failing.
  plugins: [fc.timeout(boundMs)],
});

/**
 * A synchronous check that fails once it has taken longer than the bound: fast-check's timeout cannot
 * interrupt synchronous code, so the time is taken around it and the input reported like any failure.
 */
export function withinBound<Args extends unknown[]>(
  check: (...args: Args) => void,
  boundMs = INPUT_BOUND_MS,
  now: () => number = () => performance.now(),
): (...args: Args) => void {
  return (...args) => {
    const started = now();
    check(...args);
    const took = now() - started;
    if (took > boundMs)
      throw new Error(`the input took ${Math.round(took)} ms, over the ${boundMs} ms bound`);
  };
}
