import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { acceptDelivery, type AcceptDeps, type DeliveryAnswer } from "./accept-delivery.js";
import { MAX_DELIVERY_BYTES } from "./envelope.js";
import { BodyTooLargeError, readBoundedBody } from "./read-body.js";

export const WEBHOOK_PATH = "/api/github/webhooks";
/** Where Probot's own webhook middleware listens instead: nothing is registered on it, nothing calls it. */
export const PROBOT_UNUSED_WEBHOOK_PATH = "/api/github/webhooks/unused-probot-route";
/** Probot's secret when WEBHOOK_SECRET is unset (it warns at start). */
export const DEFAULT_WEBHOOK_SECRET = "development";
/** How long a refused body's sender may go on writing before its connection is cut. */
const LINGER_MS = 2_000;

function lowerCased(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  return headers;
}

function send(response: ServerResponse, answer: Pick<DeliveryAnswer, "status" | "body">, close = false) {
  response.writeHead(answer.status, {
    "content-type": "application/json",
    ...(close ? { connection: "close" } : {}),
  });
  response.end(JSON.stringify(answer.body));
}

/**
 * `POST /api/github/webhooks` as a Probot `addHandler`: GitHub's deliveries, stored raw in the inbox.
 * Payloads are never logged (they hold private titles and bodies); delivery ids are.
 */
export function createWebhookRoute(deps: AcceptDeps & { log: Logger; maxBytes?: number }) {
  const maxBytes = deps.maxBytes ?? MAX_DELIVERY_BYTES;
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? "").split("?")[0];
    if (path !== WEBHOOK_PATH) return false;
    if (request.method !== "POST") {
      send(response, { status: 405, body: { error: { code: "method", message: "POST only" } } });
      return true;
    }
    let body: string;
    try {
      body = await readBoundedBody(request, maxBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      deps.log.warn({ delivery: request.headers["x-github-delivery"] }, "webhook refused: body too large");
      // What is still arriving is read and dropped for a moment, then the connection is cut: destroyed at
      // once, a sender still writing may get a reset before it reads the 413.
      request.resume();
      response.once("finish", () => setTimeout(() => request.destroy(), LINGER_MS).unref());
      send(response, { status: 413, body: { error: { code: "too_large", message: error.message } } }, true);
      return true;
    }
    const answer = await acceptDelivery({ headers: lowerCased(request), body }, deps);
    if (answer.status >= 400)
      deps.log.warn(
        { delivery: answer.deliveryId, status: answer.status, body: answer.body },
        "webhook refused",
      );
    send(response, answer);
    return true;
  };
}
