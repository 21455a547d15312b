import type { Collection } from "mongodb";
import { MongoBulkWriteError } from "mongodb";
import type { InboxDelivery } from "../models/inbox-delivery.js";

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
}

interface Waiting {
  delivery: IncomingDelivery;
  settle: (error?: unknown) => void;
}

const DUPLICATE_KEY = 11000;

function toDocument(delivery: IncomingDelivery): InboxDelivery {
  return {
    _id: delivery.id,
    event: delivery.event,
    action: delivery.action,
    installationId: delivery.installationId,
    payload: delivery.payload,
    receivedAt: delivery.receivedAt,
    state: "pending",
    attempts: 0,
    availableAt: delivery.receivedAt,
    claim: null,
    appliedAt: null,
    lastError: null,
  };
}

/** By index in the insert, the error of each delivery that was not stored (a duplicate was). */
function failuresOf(error: unknown): Map<number, unknown> {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return new Map(
    writeErrors.filter((e) => e.code !== DUPLICATE_KEY).map((e) => [e.index, new Error(e.errmsg)]),
  );
}

/**
 * Group commit: while one insert is in flight, arriving deliveries wait and go together in the next, so
 * a burst costs one round trip per group instead of one per delivery, and a quiet delivery waits for
 * nothing. Hand-written because no library batches MongoDB writes per request this way.
 * Each delivery waits at most `timeoutMs` for its acknowledgement: the database down or stuck must
 * become a refusal well inside GitHub's 10 s, never a late 2xx.
 */
export function createInboxWriter(
  collection: Collection<InboxDelivery>,
  options: { timeoutMs: number; maxBatch?: number },
): InboxWriter {
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (waiting.length > 0) {
      const group = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      let failures = new Map<number, unknown>();
      try {
        await collection.insertMany(
          group.map((item) => toDocument(item.delivery)),
          { ordered: false },
        );
      } catch (error) {
        try {
          failures = failuresOf(error);
        } catch (whole) {
          failures = new Map(group.map((_, index) => [index, whole]));
        }
      }
      group.forEach((item, index) => item.settle(failures.get(index)));
    }
    flushing = false;
  }

  return {
    write(delivery) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new InboxUnavailableError(new Error(`no acknowledgement in ${options.timeoutMs} ms`))),
          options.timeoutMs,
        );
        waiting.push({
          delivery,
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
