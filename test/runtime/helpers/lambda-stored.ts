import type { Db } from "mongodb";
import type { Payload } from "../../webhooks/helpers/fixtures.js";

/**
 * How many records the webhook function left for one delivery. Today it applies the delivery at once, so
 * an `installation` delivery stores its installation. Issue 9 makes the function only write the delivery
 * to the `inbox` collection: then count that delivery there; the tests calling this stay as they are.
 */
export async function storedForDelivery(db: Db, delivery: { id: string; payload: Payload }): Promise<number> {
  const installationId = (delivery.payload.installation as { id: number }).id;
  return db.collection("installations").countDocuments({ installationId });
}
