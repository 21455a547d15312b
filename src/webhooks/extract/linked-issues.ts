/**
 * GitHub's closing keywords (docs: "Linking a pull request to an issue"), each followed by one reference:
 * `#12`, `owner/repo#12` or an issue URL. A keyword links only the reference right after it.
 */
const CLOSING_REFERENCE =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?:([\w.-]+\/[\w.-]+)?#(\d+)|https?:\/\/[^\s/]+\/([\w.-]+\/[\w.-]+)\/issues\/(\d+))(?![\w/])/gi;

/** `owner/name#number` for every issue the PR body says it closes, in order of mention, without repeats. */
export function parseLinkedIssues(body: string, repo: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(CLOSING_REFERENCE)) {
    const [, shortRepo, shortNumber, urlRepo, urlNumber] = match;
    const target = urlRepo ?? shortRepo ?? repo;
    found.add(`${target}#${urlNumber ?? shortNumber}`);
  }
  return [...found];
}
