/**
 * How many random inputs a property tries: a few hundred in `npm test`, more with `npm run fuzz`
 * (FUZZ_RUNS). A failure prints fast-check's seed and path, so it can be replayed.
 */
export const fuzzRuns = (fallback: number): number => {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};
