import type { Context } from "probot";
import { z } from "zod";
import type { WebhookDeps } from "./deps.js";

/**
 * The part of Probot's context the handlers use (tests and adapters can build one by hand); `octokit`
 * reads the repository's config file.
 */
export type EventContext = Pick<Context, "id" | "name" | "log" | "octokit"> & { payload: unknown };

export type Handler<T> = (payload: T, context: EventContext) => Promise<void>;

function eventName(context: EventContext): string {
  const { payload } = context;
  const action =
    typeof payload === "object" && payload !== null ? (payload as { action?: unknown }).action : undefined;
  return typeof action === "string" ? `${context.name}.${action}` : context.name;
}

/**
 * Parses the payload with the schema of what the handler reads. A signed payload that does not match
 * is logged, reported and skipped: throwing would only make GitHub show a failure and redeliver the
 * same broken payload. Storage errors are reported and rethrown, so the delivery shows as failed and
 * can be redelivered once the database is back.
 */
export function validated<S extends z.ZodType>(
  deps: WebhookDeps,
  schema: S,
  handle: Handler<z.output<S>>,
): (context: EventContext) => Promise<void> {
  return async (context) => {
    const event = eventName(context);
    const details = { deliveryId: context.id, event };
    const parsed = schema.safeParse(context.payload);
    if (!parsed.success) {
      const reason = z.prettifyError(parsed.error);
      context.log.warn(details, `skipped ${event} delivery ${context.id}: unexpected payload: ${reason}`);
      deps.reportError(parsed.error, details);
      return;
    }
    try {
      await handle(parsed.data, context);
    } catch (error) {
      context.log.error({ ...details, err: error }, `${event} delivery ${context.id} failed`);
      deps.reportError(error, details);
      throw error;
    }
  };
}
