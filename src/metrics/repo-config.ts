import { parse } from "yaml";
import { z } from "zod";

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

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, "i");
    return true;
  } catch {
    return false;
  }
}

const names = z.array(z.string().min(1, "must not be empty"));
const regexSource = z
  .string()
  .min(1, "must not be empty")
  .refine(isValidRegex, "not a valid regular expression");

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

export interface RepoConfigResult {
  config: RepoConfig;
  /** One line for the log and Sentry; null when the file was fine (or absent). */
  error: string | null;
}

/** Parses the file's text (null: no file). A bad file yields the defaults and the reason. */
export function parseRepoConfig(text: string | null): RepoConfigResult {
  if (text === null) return { config: DEFAULT_REPO_CONFIG, error: null };
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { config: DEFAULT_REPO_CONFIG, error: `.github/mergelens.yml: ${message}` };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const message = z.prettifyError(parsed.error).replace(/\s*\n\s*/g, " ");
    return { config: DEFAULT_REPO_CONFIG, error: `.github/mergelens.yml: ${message}` };
  }
  const file = parsed.data ?? {};
  return {
    config: {
      bots: union(DEFAULT_REPO_CONFIG.bots, file.bots),
      ai: {
        authors: union(DEFAULT_AI_AUTHORS, file.ai?.authors),
        coAuthorPatterns: union(DEFAULT_CO_AUTHOR_PATTERNS, file.ai?.coAuthorPatterns),
        labels: union(DEFAULT_AI_LABELS, file.ai?.labels),
      },
      productionEnvironment: file.productionEnvironment ?? DEFAULT_PRODUCTION_ENVIRONMENT,
    },
    error: null,
  };
}
