import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import type { InboxRegistration, RegisteredDelivery } from "../models/inbox-batch.js";
import { isDuplicateKeyError } from "../write/upsert-if-newer.js";

/** Ids per registration document: a claim's 20,000 in two, each well under 16 MB. */
const PER_DOCUMENT = 10_000;

/**
 * Registers delivery ids (each once) with their batches; returns, for those another registration holds
 * already, the batch it registered. Ids go in a few documents, not one each: the common case is one
 * insert. When some id is taken (a redelivery, a claim taken again), the ids' registrations are read
 * and the rest are registered again, until none is left.
 */
export async function registerDeliveries(
  ids: Collection<InboxRegistration>,
  entries: readonly RegisteredDelivery[],
  now = new Date(),
): Promise<Map<string, string>> {
  const registered = new Map<string, string>();
  for (let start = 0; start < entries.length; start += PER_DOCUMENT) {
    let part = entries.slice(start, start + PER_DOCUMENT);
    while (part.length > 0) {
      try {
        await ids.insertOne({ _id: randomUUID(), receivedAt: now, entries: part });
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const wanted = new Set(part.map((entry) => entry.id));
      const before = registered.size;
      for (const registration of await ids.find({ "entries.id": { $in: [...wanted] } }).toArray())
        for (const entry of registration.entries)
          if (wanted.has(entry.id)) registered.set(entry.id, entry.batch);
      if (registered.size === before)
        throw new Error("inbox registry: an id is taken, yet no registration holds it");
      part = part.filter((entry) => !registered.has(entry.id));
    }
  }
  return registered;
}
