import type { Db } from "mongodb";
import type { Payload } from "../../webhooks/helpers/fixtures.js";

/**
 * How many records the webhook function left for one delivery: it only stores the delivery in the
 * inbox's arrivals (a worker admits and applies it), so that is where it is counted.
 */
export async function storedForDelivery(db: Db, delivery: { id: string; payload: Payload }): Promise<number> {
  return db.collection("inbox_arrivals").countDocuments({ "deliveries.id": delivery.id });
}
