import { runCli } from "../../src/cli/program.js";
import type { Store } from "../../src/storage/store.js";

/** Runs the CLI in-process on the test database, capturing what it writes. */
export function cliRunner(store: () => Store, now: () => Date = () => new Date()) {
  return async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      store: async () => store(),
      stdout: { write: (text) => void (stdout += text) },
      stderr: { write: (text) => void (stderr += text) },
      now,
    });
    return { code, stdout, stderr };
  };
}
