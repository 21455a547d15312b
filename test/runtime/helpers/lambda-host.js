// A Lambda container for the built bundle, run by plain node: imports the handler module once (the cold
// start), then invokes its exports for each request until stdin closes (warm invocations). Hand-written:
// lambda-local, the only npm emulator, was last released in 2019 and predates ES-module handlers.
// Requests on stdin and answers on fd 3 are JSON lines; stdout and stderr stay the function's own logs.
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

const [, , modulePath, functionName] = process.argv;
const answers = createWriteStream("", { fd: 3 });
const answer = (message) => answers.write(`${JSON.stringify(message)}\n`);
const described = (error) => ({ name: error?.name, message: error?.message ?? String(error) });

let handlers;
try {
  handlers = await import(modulePath);
  answer({ ready: true });
} catch (error) {
  answer({ initError: described(error) });
  process.exit(1);
}

let invocation = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const { handler, event } = JSON.parse(line);
  invocation += 1;
  const context = {
    awsRequestId: `request-${invocation}`,
    functionName,
    functionVersion: "$LATEST",
    memoryLimitInMB: "512",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
  };
  try {
    if (typeof handlers[handler] !== "function") throw new Error(`the module exports no handler ${handler}`);
    // Lambda answers with the JSON of what the handler resolves to.
    answer({ result: JSON.parse(JSON.stringify((await handlers[handler](event, context)) ?? null)) });
  } catch (error) {
    answer({ error: described(error) });
  }
}
