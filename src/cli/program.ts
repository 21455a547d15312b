import { Command, CommanderError } from "commander";
import { COMMANDS, commandNamed } from "./command-list.js";
import type { CliContext } from "./context.js";
import { ERROR_PREFIX, EXIT_OK, USAGE_HINT } from "./exit-codes.js";
import { packageVersion } from "./version.js";

/**
 * The program for one command line: the command it runs is loaded in full, the others only named with
 * their summary (enough for `--help` and for commander's "did you mean" on a typo).
 */
export async function buildProgram(ctx: CliContext, args: readonly string[]): Promise<Command> {
  const program = new Command("mergelens")
    .description("PR-flow metrics from the app's database (MONGODB_URI, else the embedded one under .data/)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // commander's "error: …" in the CLI's one style, like the errors the commands throw.
      outputError: (text, write) => write(text.replace(/^error: /, ERROR_PREFIX)),
    })
    .version(packageVersion(), "-V, --version", "print the version")
    .showHelpAfterError(USAGE_HINT);
  const running = commandNamed(args);
  for (const entry of COMMANDS) {
    if (entry === running) (await entry.load())(program, ctx);
    else program.command(entry.name).description(entry.summary);
  }
  return program;
}

/** Runs one command line (without node and script) and returns its exit code; never exits itself. */
export async function runCli(args: readonly string[], ctx: CliContext): Promise<number> {
  try {
    await (await buildProgram(ctx, args)).parseAsync([...args], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    // `--help` and `--version` end here too (exitOverride), with exit code 0: they answer without loading
    // errors.js, whose zod alone costs 0.2 s of their 0.5 s budget.
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT_OK;
    const { exitCodeOf, UsageError } = await import("./errors.js");
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
