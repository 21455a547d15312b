import { z } from "zod";

/** GitHub refuses payloads over 25 MB, so a larger body is not GitHub's. */
export const MAX_DELIVERY_BYTES = 25 * 1024 * 1024;

/** The headers GitHub sets on every delivery (lower-cased, as Node and API Gateway v2 give them). */
export const deliveryHeadersSchema = z.object({
  "x-github-event": z.string().regex(/^[a-z_]{1,64}$/, "must be a GitHub event name"),
  "x-github-delivery": z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be a delivery id"),
  "x-hub-signature-256": z.string().regex(/^sha256=[0-9a-f]{64}$/, "must be sha256=<hex>"),
});

/**
 * What the route needs of a payload to store it for the worker; the worker checks the rest against the
 * event's own schema. An installation, where present, must be one (an object id would reach auth).
 */
export const deliveryEnvelopeSchema = z.looseObject({
  action: z.string().max(64).optional(),
  installation: z.looseObject({ id: z.number().int().positive() }).optional(),
});

export type DeliveryHeaders = z.infer<typeof deliveryHeadersSchema>;
