import { CommanderError } from "commander";
import { z } from "zod";
import { describeIssues } from "../query/params.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";

/** A bad option value or combination; reported like commander's own usage errors. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Option values through the API's schema, so both surfaces accept the same input. */
export function parseOptions<T extends z.ZodType>(
  schema: T,
  raw: Record<string, string | undefined>,
): z.output<T> {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const result = schema.safeParse(given);
  if (!result.success) throw new UsageError(describeIssues(result.error));
  return result.data;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  return error instanceof UsageError || error instanceof z.ZodError ? EXIT_USAGE : EXIT_FAILURE;
}
