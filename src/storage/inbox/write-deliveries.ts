import { randomUUID } from "node:crypto";
import type { Collection, Document, OptionalUnlessRequiredId } from "mongodb";
import { MongoBulkWriteError } from "mongodb";
import type { InboxBatch } from "../models/inbox-batch.js";
import type { InboxStorage } from "./collection.js";
import { packPayload } from "./payload.js";

/** What the webhook route knows of a delivery once its signature and envelope are checked. */
export interface IncomingDelivery {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  payload: string;
  receivedAt: Date;
}

/** The database did not acknowledge the write in time: the sender must be told to try again. */
export class InboxUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the delivery could not be stored in time", { cause });
    this.name = "InboxUnavailableError";
  }
}

export interface InboxWriter {
  /** Resolves once the database acknowledged the delivery (or already held it: a redelivery). */
  write(delivery: IncomingDelivery): Promise<void>;
  /** Whether deliveries are arriving: one is being stored, or one was a moment ago (a worker in this process may give way). */
  busy(): boolean;
}

interface Waiting {
  delivery: IncomingDelivery;
  packed: InboxBatch["deliveries"][number];
  settle: (error?: unknown) => void;
}

const DUPLICATE_KEY = 11000;

function batchOf(group: readonly Waiting[]): InboxBatch {
  const receivedAt = group[0].delivery.receivedAt;
  return {
    _id: randomUUID(),
    installationId: group[0].delivery.installationId,
    receivedAt,
    size: group.length,
    state: "pending",
    availableAt: receivedAt,
    claim: null,
    appliedAt: null,
    deliveries: group.map((item) => item.packed),
  };
}

/** One batch per installation (an uninstall deletes whole batches); a delivery sent twice at once goes once. */
function batchesOf(waiting: readonly Waiting[]): Waiting[][] {
  const byInstallation = new Map<number | null, Map<string, Waiting[]>>();
  for (const item of waiting) {
    const ids = byInstallation.get(item.delivery.installationId) ?? new Map<string, Waiting[]>();
    byInstallation.set(item.delivery.installationId, ids);
    ids.set(item.delivery.id, [...(ids.get(item.delivery.id) ?? []), item]);
  }
  return [...byInstallation.values()].map((ids) =>
    [...ids.values()].map((same) => ({
      ...same[0],
      settle: (error?: unknown) => same.forEach((item) => item.settle(error)),
    })),
  );
}

type WriteFailures = Map<number, { code: number; error: Error }>;

/** By index in the insert, the error of each document that was not stored. */
function failuresOf(error: unknown): WriteFailures {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return new Map(writeErrors.map((e) => [e.index, { code: e.code, error: new Error(e.errmsg) }]));
}

async function insertAll<T extends Document>(
  collection: Collection<T>,
  documents: OptionalUnlessRequiredId<T>[],
) {
  try {
    await collection.insertMany(documents, { ordered: false });
    return new Map() as WriteFailures;
  } catch (error) {
    return failuresOf(error);
  }
}

/**
 * Takes deliveries GitHub had already sent (their id was stored before) back out of their new batch,
 * so they are stored and applied once: the batch goes when it holds nothing else (the usual redelivery,
 * sent alone), otherwise they are marked done in it. Rare: only a redelivery of something acknowledged.
 */
async function dropRedelivered(inbox: InboxStorage, batches: InboxBatch[], ids: Set<string>): Promise<void> {
  for (const batch of batches) {
    const done = batch.deliveries.flatMap((entry, index) => (ids.has(entry.id) ? [index] : []));
    if (done.length === batch.deliveries.length)
      await inbox.batches.deleteOne({ _id: batch._id, state: "pending" });
    else if (done.length > 0) {
      const progress = { attempts: 0, lastError: null, retryAt: null, done: true, setAside: false };
      const fields = Object.fromEntries(done.map((index) => [`progress.${index}`, progress]));
      await inbox.batches.updateOne({ _id: batch._id, state: "pending" }, { $set: fields });
    }
  }
}

/**
 * Stores each group as one batch, then its delivery ids. Once its batch is stored a delivery is
 * acknowledged: it will be applied. An id already stored is a redelivery, taken out again;
 * an id that could not be stored (the database failing between the two writes) only leaves a later
 * redelivery to be applied again, which the guarded writes make harmless.
 */
async function storeGroups(inbox: InboxStorage, groups: Waiting[][]): Promise<void> {
  const batches = groups.map(batchOf);
  const failures = await insertAll(inbox.batches, batches);
  const stored = batches.filter((_, index) => !failures.has(index));
  const ids = stored.flatMap((batch) =>
    batch.deliveries.map((entry) => ({ _id: entry.id, batchId: batch._id, receivedAt: entry.receivedAt })),
  );
  const idFailures = ids.length > 0 ? await insertAll(inbox.ids, ids) : new Map();
  const redelivered = new Set(
    [...idFailures].filter(([, failure]) => failure.code === DUPLICATE_KEY).map(([index]) => ids[index]._id),
  );
  if (redelivered.size > 0) await dropRedelivered(inbox, stored, redelivered);
  groups.forEach((group, index) => group.forEach((item) => item.settle(failures.get(index)?.error)));
}

/**
 * Group commit: while one insert is in flight, arriving deliveries wait and go together in the next, so
 * a burst costs one round trip and one document per group instead of per delivery, and a quiet delivery
 * waits for nothing. Hand-written because no library batches MongoDB writes per request this way.
 * Each delivery waits at most `timeoutMs` for its acknowledgement: the database down or stuck must
 * become a refusal well inside GitHub's 10 s, never a late 2xx.
 */
export function createInboxWriter(
  inbox: InboxStorage,
  options: { timeoutMs: number; maxBatch?: number; quietMs?: number },
): InboxWriter {
  const maxBatch = options.maxBatch ?? 500;
  // A burst leaves gaps between one insert's answers and the next requests: not yet quiet.
  const quietMs = options.quietMs ?? 250;
  let lastActiveAt = 0;
  let waiting: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (waiting.length > 0) {
      const taken = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      const groups = batchesOf(taken);
      try {
        await storeGroups(inbox, groups);
      } catch (whole) {
        groups.flat().forEach((item) => item.settle(whole));
      }
    }
    flushing = false;
  }

  return {
    busy: () => flushing || waiting.length > 0 || Date.now() - lastActiveAt < quietMs,
    async write(delivery) {
      lastActiveAt = Date.now();
      const timedOut = Date.now() + options.timeoutMs;
      const packed = {
        id: delivery.id,
        event: delivery.event,
        action: delivery.action,
        payload: await packPayload(delivery.payload),
        receivedAt: delivery.receivedAt,
      };
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new InboxUnavailableError(new Error(`no acknowledgement in ${options.timeoutMs} ms`))),
          Math.max(0, timedOut - Date.now()),
        );
        waiting.push({
          delivery,
          packed,
          settle: (error) => {
            clearTimeout(timer);
            if (error === undefined) resolve();
            else reject(new InboxUnavailableError(error));
          },
        });
        if (!flushing) void flush();
      });
    },
  };
}
