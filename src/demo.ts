import { parseEnv, EnvError } from "./config/env.js";
import { formatProgress, formatSummary, waitForBackfill } from "./demo/progress.js";
import { demoBanner } from "./demo/banner.js";
import { PortInUseError } from "./demo/port.js";
import { startDemo } from "./demo/start.js";
import { createLogger } from "./observability/logger.js";
import { onShutdown } from "./runtime/shutdown.js";

/**
 * `npm run demo`: the app plus a local GitHub simulator with a sample organisation, so sync, metrics and
 * the dashboard can be tried with no GitHub account. Data lives in memory and is gone when it stops.
 */
async function main(): Promise<void> {
  const source = process.env;
  const env = parseEnv({ LOG_LEVEL: source.LOG_LEVEL || "warn", LOG_FORMAT: source.LOG_FORMAT });
  const log = await createLogger(env);
  console.log("Starting the GitHub simulator, the database and mergelens…");
  const demo = await startDemo({
    log,
    port: source.PORT ? Number(source.PORT) : 3000,
    mongodbUri: source.MONGODB_URI || undefined,
    env: { LOG_LEVEL: env.LOG_LEVEL, BACKFILL_DAYS: source.BACKFILL_DAYS },
  });
  const aborted = new AbortController();
  onShutdown(log, [
    async () => {
      aborted.abort();
      console.log("\nStopping the demo…");
      await demo.stop();
    },
  ]);
  console.log(demoBanner(demo));

  const interactive = process.stdout.isTTY;
  let printedLines = 0;
  const repos = await waitForBackfill({
    store: demo.app.database.store,
    installationId: demo.installationId,
    expected: demo.org.repos.length,
    signal: aborted.signal,
    onChange: (current) => {
      if (current.length === 0) return;
      const text = formatProgress(current);
      // On a terminal the table redraws in place; piped output gets each change as new lines.
      if (interactive && printedLines > 0) process.stdout.write(`\x1b[${printedLines}A\x1b[J`);
      console.log(text);
      printedLines = text.split("\n").length;
    },
  });
  console.log(`\n${formatSummary(repos)}. Open the dashboard, or press Ctrl-C to stop.`);
}

try {
  await main();
} catch (error) {
  if (error instanceof Error && error.name === "AbortError") process.exitCode = 0;
  else {
    // Errors the user can act on are one line; anything else keeps its stack for a bug report.
    const plain = error instanceof EnvError || error instanceof PortInUseError;
    console.error(plain ? `mergelens demo: ${error.message}` : error);
    process.exit(1);
  }
}
