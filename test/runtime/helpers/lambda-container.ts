import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** One function's container running the built bundle in its own node process (helpers/lambda-host.js). */
export interface LambdaContainer {
  invoke(handler: string, event: object): Promise<unknown>;
  stop(): Promise<void>;
}

type Answer =
  | { ready: true }
  | { initError: { name?: string; message: string } }
  | { result: unknown }
  | { error: { name?: string; message: string } };

const HOST = path.resolve("test/runtime/helpers/lambda-host.js");

/**
 * Starts the container with only `env` (no variable of the test process leaks in) in the package's own
 * directory, as Lambda runs /var/task: a module the bundle left out cannot be found in node_modules here.
 */
export async function startLambdaContainer(options: {
  packageDir: string;
  file: string;
  functionName: string;
  env: Record<string, string>;
}): Promise<LambdaContainer> {
  const child = spawn(
    process.execPath,
    [HOST, path.join(options.packageDir, options.file), options.functionName],
    {
      cwd: options.packageDir,
      env: { PATH: process.env.PATH ?? "", LAMBDA_TASK_ROOT: options.packageDir, ...options.env },
      stdio: ["pipe", "inherit", "inherit", "pipe"],
    },
  );
  const stdin = child.stdin;
  if (!stdin) throw new Error("the container has no stdin");
  const answers = createInterface({ input: child.stdio[3] as Readable })[Symbol.asyncIterator]();
  const next = async (): Promise<Answer> => {
    const { value, done } = await answers.next();
    if (done) throw new Error(`the ${options.functionName} container exited (code ${child.exitCode})`);
    return JSON.parse(value) as Answer;
  };
  const started = await next();
  if ("initError" in started) throw new Error(`init failed: ${started.initError.message}`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    async invoke(handler, event) {
      stdin.write(`${JSON.stringify({ handler, event })}\n`);
      const answer = await next();
      if ("error" in answer) throw new Error(`${handler} failed: ${answer.error.message}`);
      if (!("result" in answer)) throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
      return answer.result;
    },
    async stop() {
      stdin.end();
      // The bundle keeps its database connection open, as in a frozen container: end the process.
      child.kill("SIGTERM");
      await exited;
    },
  };
}
