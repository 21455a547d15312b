import type { CommitRecord, PullRequestRecord } from "../records/types.js";
import { listsAccount, restLogin } from "./accounts.js";
import type { RepoConfig } from "./repo-config.js";

/**
 * AI-assisted detection (METRICS.md). Evidence strings are grouped by kind in a fixed order (author,
 * co-author, commit-message, label), deduplicated and sorted within a kind, so the same inputs in any
 * order give the same list.
 */

/** Any line (trailer keys are case-insensitive in git) `Co-authored-by: <value>`. */
const CO_AUTHOR_TRAILER = /^co-authored-by:[ \t]*(.+?)[ \t\r]*$/gim;
const CLAUDE_CODE_MARKER = "Generated with [Claude Code]";
const ROBOT_MARKER_LINE = /^🤖 Generated with/m;

export interface AiDetection {
  aiAssisted: boolean;
  aiEvidence: string[];
}

function coAuthorEvidence(messages: readonly string[], patterns: readonly RegExp[]): string[] {
  const found: string[] = [];
  for (const message of messages) {
    for (const [, value] of message.matchAll(CO_AUTHOR_TRAILER)) {
      if (patterns.some((pattern) => pattern.test(value))) found.push(`co-author:${value}`);
    }
  }
  return found;
}

/** A Claude Code footer matches both marker rules; it is one reason, reported once by its specific name. */
function commitMessageEvidence(messages: readonly string[]): string[] {
  const found: string[] = [];
  for (const message of messages) {
    if (message.includes(CLAUDE_CODE_MARKER)) found.push("commit-message:generated-with-claude-code");
    else if (ROBOT_MARKER_LINE.test(message)) found.push("commit-message:robot-generated-with");
  }
  return found;
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

export function detectAi(
  pr: Pick<PullRequestRecord, "author" | "labels">,
  commits: readonly Pick<CommitRecord, "message">[],
  ai: RepoConfig["ai"],
): AiDetection {
  const messages = commits.map((commit) => commit.message);
  const patterns = ai.coAuthorPatterns.map((source) => new RegExp(source, "i"));
  const aiLabels = new Set(ai.labels.map((label) => label.toLowerCase()));
  const evidence = [
    ...(listsAccount(ai.authors, pr.author) ? [`author:${restLogin(pr.author)}`] : []),
    ...sortedUnique(coAuthorEvidence(messages, patterns)),
    ...sortedUnique(commitMessageEvidence(messages)),
    ...sortedUnique(pr.labels.filter((label) => aiLabels.has(label.toLowerCase())).map((l) => `label:${l}`)),
  ];
  return { aiAssisted: evidence.length > 0, aiEvidence: evidence };
}
