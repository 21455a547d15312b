import { parse } from "yaml";
import { z } from "zod";
import { linearPatternProblem } from "./linear-pattern.js";

/**
 * A repository's `.github/mergelens.yml`: lists that extend METRICS.md's defaults. The parsed config is
 * the complete effective rule set (defaults plus additions), so detection code holds no hidden lists.
 */
export interface RepoConfig {
  /** Logins counted as bots besides GitHub's `Bot` type and `[bot]` suffix. */
  bots: string[];
  ai: {
    /** PR authors that are AI agents (logins, any case). */
    authors: string[];
    /** Regex sources tested, any case, against a `Co-authored-by:` trailer's value `Name <email>`. */
    coAuthorPatterns: string[];
    /** Label names marking AI-assisted work (exact, any case). */
    labels: string[];
  };
  /** Regex source (any case) for production environment names; a file's value replaces the default. */
  productionEnvironment: string;
}

export const DEFAULT_AI_AUTHORS = [
  "Copilot",
  "copilot-swe-agent[bot]",
  "devin-ai-integration[bot]",
  "google-labs-jules[bot]",
  "cursor[bot]",
  "claude[bot]",
  "codex[bot]",
  "openhands-agent",
  "sweep-ai[bot]",
];

export const DEFAULT_CO_AUTHOR_PATTERNS = [
  // The name (everything before `<`) contains a tool's name.
  "^[^<]*(copilot|claude|cursor|devin|codex|gemini|aider|jules)",
  "<noreply@anthropic\\.com>$",
  "<cursoragent@cursor\\.com>$",
  "<noreply@aider\\.chat>$",
  "\\+copilot@users\\.noreply\\.github\\.com>$",
];

/** Every label matching `^ai[-_ ]?(assisted|generated)$` (any case), spelled out as names. */
export const DEFAULT_AI_LABELS = ["", "-", "_", " "].flatMap((sep) =>
  ["assisted", "generated"].map((kind) => `ai${sep}${kind}`),
);

export const DEFAULT_PRODUCTION_ENVIRONMENT = "^prod(uction)?$";

export const DEFAULT_REPO_CONFIG: RepoConfig = {
  bots: [],
  ai: {
    authors: DEFAULT_AI_AUTHORS,
    coAuthorPatterns: DEFAULT_CO_AUTHOR_PATTERNS,
    labels: DEFAULT_AI_LABELS,
  },
  productionEnvironment: DEFAULT_PRODUCTION_ENVIRONMENT,
};

const names = z.array(z.string().min(1, "must not be empty"));

/** A pattern the linear-time engine accepts (RE2 syntax: no backreferences, no lookaround). */
const regexSource = z
  .string()
  .min(1, "must not be empty")
  .superRefine((source, ctx) => {
    const problem = linearPatternProblem(source);
    if (problem) {
      ctx.addIssue({ code: "custom", message: `not a linear-time (RE2) regular expression: ${problem}` });
    }
  });

/** Strict, so a misspelt key is reported instead of silently ignored. */
const fileSchema = z
  .strictObject({
    bots: names.optional(),
    ai: z
      .strictObject({
        authors: names.optional(),
        coAuthorPatterns: z.array(regexSource).optional(),
        labels: names.optional(),
      })
      .optional(),
    productionEnvironment: regexSource.optional(),
  })
  // An empty file (or one of only comments) parses to null: nothing to add.
  .nullable();

const union = (base: readonly string[], extra: readonly string[] = []): string[] => [
  ...new Set([...base, ...extra]),
];

/** A valid file's content: only the additions it makes to the defaults. */
export type RepoConfigFile = NonNullable<z.output<typeof fileSchema>>;

export interface RepoConfigResult {
  config: RepoConfig;
  /** One line for the log and Sentry; null when the file was fine (or absent). */
  error: string | null;
}

/** A YAML (or loader) error's first line: the part that names the problem and its position. */
export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0];

/** The one spelling of a config problem, for the log, Sentry and the repository's cached error. */
export const repoConfigError = (message: string): string => `.github/mergelens.yml: ${message}`;

/** Validates a parsed file (null: no file). A bad one yields null and the reason. */
export function readRepoConfigFile(
  raw: unknown,
): { file: RepoConfigFile; error: null } | { file: null; error: string } {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return { file: null, error: repoConfigError(z.prettifyError(parsed.error).replace(/\s*\n\s*/g, " ")) };
  }
  return { file: parsed.data ?? {}, error: null };
}

/** The effective rule set: the defaults extended by a valid file's lists (null: the defaults). */
export function applyRepoConfigFile(file: RepoConfigFile | null): RepoConfig {
  if (file === null) return DEFAULT_REPO_CONFIG;
  return {
    bots: union(DEFAULT_REPO_CONFIG.bots, file.bots),
    ai: {
      authors: union(DEFAULT_AI_AUTHORS, file.ai?.authors),
      coAuthorPatterns: union(DEFAULT_CO_AUTHOR_PATTERNS, file.ai?.coAuthorPatterns),
      labels: union(DEFAULT_AI_LABELS, file.ai?.labels),
    },
    productionEnvironment: file.productionEnvironment ?? DEFAULT_PRODUCTION_ENVIRONMENT,
  };
}

/** For a file already parsed (e.g. by Probot's config API): validated, then applied to the defaults. */
export function parseRepoConfigObject(raw: unknown): RepoConfigResult {
  const { file, error } = readRepoConfigFile(raw);
  return { config: applyRepoConfigFile(file), error };
}

/** Parses the file's text (null: no file). A bad file yields the defaults and the reason. */
export function parseRepoConfig(text: string | null): RepoConfigResult {
  if (text === null) return { config: DEFAULT_REPO_CONFIG, error: null };
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    return { config: DEFAULT_REPO_CONFIG, error: repoConfigError(firstLine(error)) };
  }
  return parseRepoConfigObject(raw);
}
