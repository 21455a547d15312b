import type { Logger } from "pino";

export type ErrorContext = Record<string, unknown>;

export interface ErrorReporter {
  /** Logs the error and, when SENTRY_DSN is set, sends it to Sentry tagged with its context. */
  report(error: unknown, context: ErrorContext): void;
  flush(): Promise<void>;
}

export async function createErrorReporter(options: { dsn?: string; log: Logger }): Promise<ErrorReporter> {
  const { dsn, log } = options;
  // Loaded only when configured: initialising Sentry instruments the process.
  const sentry = dsn ? await import("@sentry/node") : null;
  sentry?.init({ dsn, normalizeDepth: 6 });
  return {
    report(error, context) {
      log.error({ err: error, ...context }, error instanceof Error ? error.message : String(error));
      sentry?.withScope((scope) => {
        for (const [key, value] of Object.entries(context)) {
          if (["string", "number", "boolean"].includes(typeof value)) scope.setTag(key, String(value));
          else if (value !== undefined && value !== null) scope.setExtra(key, value);
        }
        sentry.captureException(error);
      });
    },
    async flush() {
      await sentry?.flush(2_000);
    },
  };
}
