import { CommanderError } from "commander";
import { z } from "zod";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
export { ERROR_PREFIX, USAGE_HINT } from "./exit-codes.js";

/** A bad option value or combination; reported like commander's own usage errors. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `groupBy` → `--group-by`: the flag a user typed for a parameter of the API's schema. */
export const flagOf = (name: string): string => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The parameters the schemas' messages mention by name ("must be before until"). */
const NAMED_IN_MESSAGES = /\b(since|until)\b/g;

/**
 * zod's issues in the CLI's words: each names the flag it is about (`--since: must be before --until`),
 * where the API's report names the query parameter.
 */
export function describeOptionIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const message = issue.message.replace(NAMED_IN_MESSAGES, (name) => flagOf(name));
      const at = issue.path.map(String).join(".");
      return at ? `${flagOf(at)}: ${message}` : message;
    })
    .join("; ");
}

/** Option values through the API's schema, so both surfaces accept the same input. */
export function parseOptions<T extends z.ZodType>(
  schema: T,
  raw: Record<string, string | undefined>,
): z.output<T> {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const result = schema.safeParse(given);
  if (!result.success) throw new UsageError(describeOptionIssues(result.error));
  return result.data;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return error instanceof UsageError || error instanceof z.ZodError ? EXIT_USAGE : EXIT_FAILURE;
}
