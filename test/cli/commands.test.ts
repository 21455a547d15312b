import { Command } from "commander";
import { COMMANDS, commandNamed } from "../../src/cli/command-list.js";
import type { CliContext } from "../../src/cli/context.js";

/** The lazy command list: `mergelens --help` shows its summaries, so they must be the commands' own. */
const unused = (): never => {
  throw new Error("registering a command must not use the context");
};
const ctx: CliContext = {
  store: unused,
  env: unused,
  stdout: { write: unused },
  stderr: { write: unused },
  now: unused,
};

describe("the CLI's command list", () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))(
    "names %s with the description its module registers",
    async (name, entry) => {
      const program = new Command("mergelens");
      (await entry.load())(program, ctx);
      expect(program.commands.map((command) => [command.name(), command.description()])).toEqual([
        [name, entry.summary],
      ]);
    },
  );

  it("loads the command a command line runs, whatever options come first", () => {
    expect(commandNamed(["metrics", "--repo", "a/b"])?.name).toBe("metrics");
    expect(commandNamed(["sync", "now"])?.name).toBe("sync");
    expect(commandNamed(["help", "backfill"])?.name).toBe("backfill");
    expect(commandNamed(["--help", "prs"])?.name).toBe("prs");
  });

  it("loads none for the program's own help and version, or an unknown command", () => {
    expect(commandNamed(["--help"])).toBeUndefined();
    expect(commandNamed(["--version"])).toBeUndefined();
    expect(commandNamed(["help"])).toBeUndefined();
    expect(commandNamed(["metric"])).toBeUndefined();
  });
});
