import { z } from "zod";
import { InboxUnavailableError, type InboxWriter } from "../../storage/inbox/index.js";
import { deliveryEnvelopeSchema, deliveryHeadersSchema } from "./envelope.js";

export interface DeliveryRequest {
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The raw body: the signature is over these exact bytes. */
  body: string;
}

export interface DeliveryAnswer {
  status: number;
  body: { ok: true; id: string } | { error: { code: string; message: string } };
  /** For the log: never the payload. */
  deliveryId?: string;
}

export interface AcceptDeps {
  /** Whether `signature` signs `body` with the app's webhook secret. */
  verify(body: string, signature: string): Promise<boolean>;
  writer: InboxWriter;
  now?: () => Date;
}

const refuse = (status: number, code: string, message: string, deliveryId?: string): DeliveryAnswer => ({
  status,
  body: { error: { code, message } },
  deliveryId,
});

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Raw-first ingest: check the signature and the envelope, store the delivery in the inbox, and answer
 * 200 only once the database acknowledged it. Nothing else happens here; the worker applies it. A
 * database that cannot take it in time answers 503, so GitHub records a failure and it is redelivered.
 */
export async function acceptDelivery(request: DeliveryRequest, deps: AcceptDeps): Promise<DeliveryAnswer> {
  const headers = deliveryHeadersSchema.safeParse(request.headers);
  if (!headers.success) return refuse(400, "bad_headers", z.prettifyError(headers.error));
  const deliveryId = headers.data["x-github-delivery"];
  if (!(await deps.verify(request.body, headers.data["x-hub-signature-256"])))
    return refuse(400, "bad_signature", "signature does not match", deliveryId);

  const payload = parseJson(request.body);
  if (payload === undefined) return refuse(400, "bad_payload", "the body is not JSON", deliveryId);
  const envelope = deliveryEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return refuse(400, "bad_payload", z.prettifyError(envelope.error), deliveryId);

  try {
    await deps.writer.write({
      id: deliveryId,
      event: headers.data["x-github-event"],
      action: envelope.data.action ?? null,
      installationId: envelope.data.installation?.id ?? null,
      payload: request.body,
      receivedAt: deps.now?.() ?? new Date(),
    });
  } catch (error) {
    if (!(error instanceof InboxUnavailableError)) throw error;
    return refuse(503, "unavailable", "the delivery could not be stored; send it again later", deliveryId);
  }
  return { status: 200, body: { ok: true, id: deliveryId }, deliveryId };
}
