import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
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
  /** Resolves once the database acknowledged the delivery. */
  write(delivery: IncomingDelivery): Promise<void>;
  /** Whether deliveries are arriving: one is being stored, or one was a moment ago (a worker in this process may give way). */
  busy(): boolean;
}

interface Waiting {
  delivery: IncomingDelivery;
  packed: InboxBatch["deliveries"][number];
  settle: (error?: unknown) => void;
}

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

/**
 * Stores each group as one batch in `inbox_arrivals` (no index but `_id`: the shortest insert). Once its
 * batch is stored a delivery is acknowledged: it will be applied.
 * A redelivery of one stored before is stored again and recognised by the worker, which applies the first
 * copy only (own-deliveries.ts): checking its id here would cost every acknowledgement a second insert.
 */
async function storeGroups(arrivals: Collection<InboxBatch>, groups: Waiting[][]): Promise<void> {
  const stored = groups.map(batchOf);
  let failures = new Map<number, Error>();
  try {
    await arrivals.insertMany(stored, { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    failures = new Map(writeErrors.map((e) => [e.index, new Error(e.errmsg)]));
  }
  groups.forEach((group, index) => group.forEach((item) => item.settle(failures.get(index))));
}

/**
 * Group commit: while one insert is in flight, arriving deliveries wait and go together in the next, so
 * a burst costs one round trip and one document per group instead of per delivery, and a quiet delivery
 * waits for nothing. Hand-written because no library batches MongoDB writes per request this way.
 * Each delivery waits at most `timeoutMs` for its acknowledgement: the database down or stuck must
 * become a refusal well inside GitHub's 10 s, never a late 2xx.
 */
export function createInboxWriter(
  inbox: Pick<InboxStorage, "arrivals">,
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
        await storeGroups(inbox.arrivals, groups);
      } catch (whole) {
        groups.flat().forEach((item) => item.settle(whole));
      }
    }
    flushing = false;
  }

  return {
    busy: () => flushing || waiting.length > 0 || Date.now() - lastActiveAt < quietMs,
    write(delivery) {
      lastActiveAt = Date.now();
      const timedOut = Date.now() + options.timeoutMs;
      const packed = {
        id: delivery.id,
        event: delivery.event,
        action: delivery.action,
        payload: packPayload(delivery.payload),
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
