import type { PullRequestRecord } from "../records/types.js";

/** The rules of METRICS.md, case as GitHub and git write them (only the hotfix rules are any case). */
const REVERT_TITLE = /^Revert "/;
const REVERT_BRANCH = /^revert-\d+-/;
/** 7 to 40 hex digits and no more: the `\b` rejects a longer run of hex. */
const REVERTS_COMMIT = /This reverts commit [0-9a-fA-F]{7,40}\b/;
/** GitHub's "Revert" button writes `Reverts owner/repo#123` on its own line. */
const REVERTS_PR_LINE = /^Reverts [A-Za-z0-9-]+\/[A-Za-z0-9._-]+#\d+/m;

export function isRevert(pr: Pick<PullRequestRecord, "title" | "headRef" | "body">): boolean {
  return (
    REVERT_TITLE.test(pr.title) ||
    REVERT_BRANCH.test(pr.headRef) ||
    REVERTS_COMMIT.test(pr.body) ||
    REVERTS_PR_LINE.test(pr.body)
  );
}
