import type { RE2JS } from "re2js";
import type { CommitRecord, PullRequestRecord } from "../records/types.js";
import { compileAnyCase } from "./linear-pattern.js";
import { listsAccount, restLogin } from "./accounts.js";
import type { RepoConfig } from "./repo-config.js";

/**
 * AI-assisted detection (METRICS.md). Evidence strings are grouped by kind in a fixed order (author,
 * co-author, commit-message, label), deduplicated and sorted within a kind, so the same inputs in any
 * order give the same list.
 */

const CO_AUTHOR_KEY = "co-authored-by:";
const CLAUDE_CODE_MARKER = "Generated with [Claude Code]";
/** Linear as it is: a fixed prefix tried at each line start, no quantifier to backtrack. */
const ROBOT_MARKER_LINE = /^🤖 Generated with/m;
/** Blanks git allows around a trailer's value (CR: a message written on Windows). */
const BLANKS = " \t\r";

/** `value` without leading and trailing blanks; a loop, not a regex, so a padded line costs its length. */
function trimBlanks(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && BLANKS.includes(value[start])) start += 1;
  while (end > start && BLANKS.includes(value[end - 1])) end -= 1;
  return value.slice(start, end);
}

/**
 * The values of every `Co-authored-by:` line (trailer keys are any case in git). Plain string scanning:
 * the regex this replaces backtracked quadratically on a trailer padded with blanks, and anyone who can
 * push a commit to a PR writes its message.
 */
export function coAuthorTrailers(message: string): string[] {
  const values: string[] = [];
  for (const line of message.split("\n")) {
    if (line.length < CO_AUTHOR_KEY.length) continue;
    if (line.slice(0, CO_AUTHOR_KEY.length).toLowerCase() !== CO_AUTHOR_KEY) continue;
    const value = trimBlanks(line.slice(CO_AUTHOR_KEY.length));
    if (value) values.push(value);
  }
  return values;
}

export interface AiDetection {
  aiAssisted: boolean;
  aiEvidence: string[];
}

function coAuthorEvidence(messages: readonly string[], patterns: readonly RE2JS[]): string[] {
  const found: string[] = [];
  for (const message of messages) {
    for (const value of coAuthorTrailers(message)) {
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
  const patterns = ai.coAuthorPatterns.map(compileAnyCase);
  const aiLabels = new Set(ai.labels.map((label) => label.toLowerCase()));
  const evidence = [
    ...(listsAccount(ai.authors, pr.author) ? [`author:${restLogin(pr.author)}`] : []),
    ...sortedUnique(coAuthorEvidence(messages, patterns)),
    ...sortedUnique(commitMessageEvidence(messages)),
    ...sortedUnique(pr.labels.filter((label) => aiLabels.has(label.toLowerCase())).map((l) => `label:${l}`)),
  ];
  return { aiAssisted: evidence.length > 0, aiEvidence: evidence };
}
