import { runCli } from "../../src/cli/program.js";
import type { CliContext } from "../../src/cli/context.js";
import { parseEnv } from "../../src/config/env.js";
import type { Store } from "../../src/storage/store.js";

/** Runs the CLI in-process on the test database, capturing what it writes. */
export function cliRunner(
  store: () => Store,
  now: () => Date = () => new Date(),
  extra: Partial<Pick<CliContext, "timing" | "tty" | "env">> = {},
) {
  return async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      store: async () => store(),
      // The defaults, whatever the environment running the tests holds.
      env: async () => parseEnv({}),
      stdout: { write: (text) => void (stdout += text) },
      stderr: { write: (text) => void (stderr += text) },
      now,
      ...extra,
    });
    return { code, stdout, stderr };
  };
}
