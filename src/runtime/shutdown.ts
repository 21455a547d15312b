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
    process.exit(code);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
