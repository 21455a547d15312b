import type { Logger } from "pino";

/** Runs the closers once, in order, on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function onShutdown(log: Logger, closers: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    let code = 0;
    for (const close of closers) {
      try {
        await close();
      } catch (error) {
        code = 1;
        log.error({ err: error }, "error while shutting down");
      }
    }
    // Not left to an empty event loop: Agenda keeps a ref'd lock-watchdog timer of lockLifetime / 2
    // (5 min) after each job run, which nothing of ours can clear (see jest.config.js).
    process.exit(code);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
