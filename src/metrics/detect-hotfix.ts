import type { PullRequestRecord } from "../records/types.js";

/** The rules of METRICS.md, all any case. */
const HOTFIX_BRANCH = /^(hotfix|hot-fix)[/-]/i;
/** Unanchored: a label such as `type: hotfix` counts too. */
const HOTFIX_LABEL = /hot-?fix/i;
const HOTFIX_TITLE = /^(\[hotfix\]|hotfix[:( ])/i;

export function isHotfix(pr: Pick<PullRequestRecord, "title" | "headRef" | "labels">): boolean {
  return (
    HOTFIX_BRANCH.test(pr.headRef) ||
    pr.labels.some((label) => HOTFIX_LABEL.test(label)) ||
    HOTFIX_TITLE.test(pr.title)
  );
}
