import { isRevert } from "../../src/metrics/detect-revert.js";

const pr = (fields: Partial<{ title: string; headRef: string; body: string }>) => ({
  title: "Add widgets",
  headRef: "feature/widgets",
  body: "",
  ...fields,
});

describe("isRevert", () => {
  it("is false for an ordinary PR", () => {
    expect(isRevert(pr({}))).toBe(false);
  });

  it.each([
    ['title starting Revert "', { title: 'Revert "Add widgets"' }],
    ["GitHub's revert branch", { headRef: "revert-42-feature/widgets" }],
    ["git's message with a 7-hex sha", { body: "This reverts commit abc1234." }],
    ["git's message with a 40-hex sha", { body: `Fixes it.\nThis reverts commit ${"a1".repeat(20)}.` }],
    ["a line starting Reverts owner/repo#n", { body: "Reverts acme/widgets.js#123\n\nbroke prod" }],
    ["that line after other lines", { body: "Context first\r\nReverts acme/widgets#7" }],
  ])("is true for %s", (_rule, fields) => {
    expect(isRevert(pr(fields))).toBe(true);
  });

  it.each([
    ["Revert without the quote", { title: "Revert the widget change" }],
    ["revert in lower case", { title: 'revert "Add widgets"' }],
    ["Revert not at the start", { title: 'Partly Revert "Add widgets"' }],
    ["a revert branch without a number", { headRef: "revert-widgets" }],
    ["a revert branch not at the start", { headRef: "feature/revert-42-x" }],
    ["a 6-hex sha", { body: "This reverts commit abc123." }],
    ["a 41-hex sha", { body: `This reverts commit ${"a".repeat(41)}` }],
    ["a non-hex sha", { body: "This reverts commit abcdefg" }],
    ["Reverts not at a line start", { body: "It Reverts acme/widgets#123" }],
    ["Reverts without a number", { body: "Reverts acme/widgets#abc" }],
    ["Reverts without an owner", { body: "Reverts #123" }],
  ])("is false for %s", (_rule, fields) => {
    expect(isRevert(pr(fields))).toBe(false);
  });
});
