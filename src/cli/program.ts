import { Command, CommanderError } from "commander";
import { registerBackfillCommand } from "./commands/backfill.js";
import { registerMetricsCommand } from "./commands/metrics.js";
import { registerPrsCommand } from "./commands/prs.js";
import { registerSyncCommands } from "./commands/sync.js";
import { registerTokenCommands } from "./commands/token.js";
import type { CliContext } from "./context.js";
import { ERROR_PREFIX, exitCodeOf, EXIT_OK, UsageError, USAGE_HINT } from "./errors.js";

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("mergelens")
    .description("PR-flow metrics from the app's database (MONGODB_URI, else the embedded one under .data/)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // commander's "error: …" in the CLI's one style, like the errors the commands throw.
      outputError: (text, write) => write(text.replace(/^error: /, ERROR_PREFIX)),
    })
    .showHelpAfterError(USAGE_HINT);
  registerTokenCommands(program, ctx);
  registerMetricsCommand(program, ctx);
  registerPrsCommand(program, ctx);
  registerSyncCommands(program, ctx);
  registerBackfillCommand(program, ctx);
  return program;
}

/** Runs one command line (without node and script) and returns its exit code; never exits itself. */
export async function runCli(args: readonly string[], ctx: CliContext): Promise<number> {
  try {
    await buildProgram(ctx).parseAsync([...args], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    const code = exitCodeOf(error);
    // Commander has printed its own message (or the help) already.
    if (!(error instanceof CommanderError)) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.stderr.write(message.startsWith(ERROR_PREFIX) ? `${message}\n` : `${ERROR_PREFIX}${message}\n`);
      if (error instanceof UsageError) ctx.stderr.write(`${USAGE_HINT}\n`);
    }
    return code;
  }
}
