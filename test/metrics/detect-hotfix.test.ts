import { isHotfix } from "../../src/metrics/detect-hotfix.js";

const pr = (fields: Partial<{ title: string; headRef: string; labels: string[] }>) => ({
  title: "Add widgets",
  headRef: "feature/widgets",
  labels: ["enhancement"],
  ...fields,
});

describe("isHotfix", () => {
  it("is false for an ordinary PR", () => {
    expect(isHotfix(pr({}))).toBe(false);
  });

  it.each([
    ["branch hotfix/", { headRef: "hotfix/login" }],
    ["branch hotfix-", { headRef: "hotfix-login" }],
    ["branch hot-fix/ in capitals", { headRef: "HOT-FIX/login" }],
    ["branch Hotfix-", { headRef: "Hotfix-1.2.3" }],
    ["label hotfix", { labels: ["bug", "hotfix"] }],
    ["label Hot-Fix", { labels: ["Hot-Fix"] }],
    ["label containing hotfix", { labels: ["type: HOTFIX"] }],
    ["title [hotfix]", { title: "[hotfix] restore login" }],
    ["title [HotFix]", { title: "[HotFix]restore login" }],
    ["title hotfix:", { title: "hotfix: restore login" }],
    ["title Hotfix(", { title: "Hotfix(auth): restore login" }],
    ["title HOTFIX followed by a space", { title: "HOTFIX restore login" }],
  ])("is true for %s", (_rule, fields) => {
    expect(isHotfix(pr(fields))).toBe(true);
  });

  it.each([
    ["branch hotfix without a separator", { headRef: "hotfixes" }],
    ["branch hotfix not at the start", { headRef: "feature/hotfix-login" }],
    ["branch hot_fix/", { headRef: "hot_fix/login" }],
    ["label hot fix with a space", { labels: ["hot fix"] }],
    ["title hotfix not at the start", { title: "Restore login (hotfix)" }],
    ["title hotfixes", { title: "hotfixes for login" }],
    ["title hotfix alone", { title: "hotfix" }],
    ["title hot-fix:", { title: "hot-fix: restore login" }],
  ])("is false for %s", (_rule, fields) => {
    expect(isHotfix(pr(fields))).toBe(false);
  });
});
