import { RE2JS } from "re2js";

/**
 * Patterns applied to anyone's text (commit trailers, deployment environments) run on RE2's linear-time
 * engine (re2js, pure JS): V8's backtracking RegExp takes seconds on `^(a+)+$` over 30 characters, and
 * a repository's `.github/mergelens.yml` or an outside contributor's commit decides both. RE2 refuses
 * what it cannot match in linear time (backreferences, lookaround), so such a pattern is a config error.
 */

/** Longest pattern source accepted from a config file: bounds compile work and memory. */
export const MAX_PATTERN_LENGTH = 500;

/** Compiled patterns by source; config files are few, the bound only guards against churn. */
const compiled = new Map<string, RE2JS>();
const MAX_CACHED = 1000;

/** The pattern, any case; throws re2js's syntax error for what RE2 does not accept. */
export function compileAnyCase(source: string): RE2JS {
  const cached = compiled.get(source);
  if (cached) return cached;
  const pattern = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(source, pattern);
  return pattern;
}

/** Why RE2 refuses `source` (its first line), or null when it compiles. */
export function linearPatternProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    compileAnyCase(source);
    return null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0];
  }
}
