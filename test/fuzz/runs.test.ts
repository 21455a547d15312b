import fc from "fast-check";
import { boundedRuns, INPUT_BOUND_MS, withinBound } from "./runs.js";

/** fast-check's failure: its report (the counterexample) and, as the cause, what the run threw. */
async function failureOf(run: () => unknown): Promise<{ report: string; cause: string }> {
  try {
    await run();
  } catch (error) {
    const { message, cause } = error as Error;
    return { report: message, cause: cause instanceof Error ? cause.message : String(cause) };
  }
  throw new Error("the property passed");
}

/** The fuzz bound itself: an input over it fails the property, reported with that input. */
describe("the time bound per fuzz input", () => {
  it("fails a synchronous check that returns after the bound, and passes one within it", () => {
    let clock = 0;
    const tick = (ms: number) => () => void (clock += ms);
    const now = () => clock;
    expect(() => withinBound(tick(INPUT_BOUND_MS + 1), INPUT_BOUND_MS, now)()).toThrow(
      `the input took ${INPUT_BOUND_MS + 1} ms, over the ${INPUT_BOUND_MS} ms bound`,
    );
    expect(() => withinBound(tick(INPUT_BOUND_MS), INPUT_BOUND_MS, now)()).not.toThrow();
  });

  it("reports the input whose synchronous check ran over, through fast-check", async () => {
    let clock = 0;
    const check = withinBound(
      (n: number) => void (clock += n === 7 ? 2 : 0),
      1,
      () => clock,
    );
    const failure = await failureOf(() =>
      fc.assert(fc.property(fc.constantFrom(1, 7), check), { numRuns: 50, seed: 1 }),
    );
    expect(failure.report).toContain("Counterexample: [7]");
    expect(failure.cause).toBe("the input took 2 ms, over the 1 ms bound");
  });

  it("fails an async property whose run never settles", async () => {
    const hang = fc.asyncProperty(fc.nat(), () => new Promise<void>(() => undefined));
    const failure = await failureOf(() => fc.assert(hang, { ...boundedRuns(1, 50), numRuns: 1 }));
    expect(failure.cause).toMatch(/timeout.*50 milliseconds/i);
  });
});
