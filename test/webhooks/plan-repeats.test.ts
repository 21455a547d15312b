import { withoutRepeats } from "../../src/webhooks/apply/plan-batch.js";
import { at, checkRunRecord, human, reviewRecord } from "../harness/factories.js";

/** What a batch writes of records sent more than once (each PR's reviews, comments, runs per event). */
describe("withoutRepeats", () => {
  const review = reviewRecord({ reviewId: 5, author: human("bob"), submittedAt: at("2026-03-02T12:00:00Z") });

  it("keeps one of identical copies, at the last place one arrived", () => {
    const other = reviewRecord({ reviewId: 6 });
    expect(withoutRepeats([review, other, { ...review }])).toEqual([other, review]);
  });

  it("keeps every copy that differs, in arrival order, so the later arrival still wins", () => {
    const dismissed = { ...review, state: "DISMISSED" };
    const newer = { ...review, submittedAt: at("2026-03-02T13:00:00Z") };
    expect(withoutRepeats([review, dismissed, review, newer])).toEqual([dismissed, review, newer]);
  });

  it("tells records apart by every field, dates by their time and lists by their items", () => {
    const run = checkRunRecord({ checkRunId: 9, prNumbers: [1] });
    const onTwo = { ...run, prNumbers: [1, 2] };
    const later = { ...run, completedAt: at("2026-03-02T10:06:00Z") };
    const same = { ...run, completedAt: new Date(run.completedAt?.getTime() ?? 0), prNumbers: [1] };
    expect(withoutRepeats([run, onTwo, later, same])).toEqual([onTwo, later, same]);
  });
});
