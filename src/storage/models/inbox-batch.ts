import { Schema, type Connection } from "mongoose";
import type { Binary } from "mongodb";

export const INBOX_STATES = ["pending", "applied", "failed"] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** One webhook delivery as GitHub sent it: the raw body, so a replay or a fixed parser sees what was signed. */
export interface InboxEntry {
  /** `X-GitHub-Delivery`, which a redelivery keeps: unique across the inbox. */
  id: string;
  event: string;
  action: string | null;
  /** The body, compressed (`src/storage/inbox/payload.ts`). */
  payload: Binary;
  receivedAt: Date;
  /**
   * Its copy's identity in `inbox_registrations`: the batch it was admitted to and the arrival it came
   * in (`<batch>/<arrival>`), kept when applied batches are packed together. Absent in an arrival, and
   * in a batch stored before arrivals existed, whose own id it is then.
   */
  storedIn?: string;
}

/** A delivery that did not apply with its batch: tried alone, retried after a backoff, or set aside. */
export interface EntryProgress {
  attempts: number;
  lastError: string | null;
  /** When it may be tried again; null once it is applied or set aside. */
  retryAt: Date | null;
  done: boolean;
  setAside: boolean;
}

/**
 * Deliveries of one installation stored as one document: as the webhook route acknowledged them together
 * (an arrival), or as a worker admitted many arrivals at once. The embedded server pays per document
 * and per index entry, so a burst costs one insert per arrival, and one claim and one settle per
 * admitted batch, rather than per delivery. The common path never touches `progress`; only a delivery
 * that fails gets an entry there (keyed by its index in `deliveries`). Delivery ids are kept unique in
 * `inbox_registrations`, not by an index here: every update rewrites all of a document's index entries.
 */
export interface InboxBatch {
  _id: string;
  installationId: number | null;
  /** The first delivery's arrival. */
  receivedAt: Date;
  size: number;
  /** pending while any delivery is left to apply; failed when none is but some were set aside. */
  state: InboxState;
  /** When a worker may take it: now for a new one, later after a failure or while a worker holds it. */
  availableAt: Date;
  /** The worker's claim; a claim past `availableAt` is abandoned and may be taken again. */
  claim: string | null;
  appliedAt: Date | null;
  deliveries: InboxEntry[];
  progress?: Record<string, EntryProgress>;
  /**
   * The arrivals it was admitted from (`inbox_arrivals` ids): a worker admitting them again, after one
   * died between storing this batch and deleting them, finds here which are already in.
   */
  sources?: string[];
}

const entrySchema = new Schema<InboxEntry>(
  {
    id: { type: String, required: true },
    event: { type: String, required: true },
    action: { type: String, default: null },
    payload: { type: Buffer, required: true },
    receivedAt: { type: Date, required: true },
    storedIn: { type: String },
  },
  { _id: false },
);

/** A batch's fields, in `inbox_batches` or, as the webhook route stores it, in `inbox_arrivals`. */
const batchSchema = (collection: string) =>
  new Schema<InboxBatch>(
    {
      _id: { type: String, required: true },
      installationId: { type: Number, default: null },
      receivedAt: { type: Date, required: true },
      size: { type: Number, required: true },
      state: { type: String, enum: INBOX_STATES, required: true },
      availableAt: { type: Date, required: true },
      claim: { type: String, default: null },
      appliedAt: { type: Date, default: null },
      deliveries: { type: [entrySchema], required: true },
      progress: { type: Schema.Types.Mixed },
      sources: { type: [String], default: undefined },
    },
    { collection, timestamps: false, versionKey: false, strict: "throw" },
  );

const inboxSchema = batchSchema("inbox_batches");
// Few indexes: every one is rewritten as a batch is stored, claimed and settled.
// Workers take the oldest available pending batches: an equality prefix and a range. A claim is read
// back on it too (its `availableAt` is the claim's own lease end).
inboxSchema.index({ state: 1, availableAt: 1 });
// An uninstall deletes an installation's deliveries; a replay by installation reads them.
inboxSchema.index({ installationId: 1, receivedAt: 1 });

/**
 * Where the webhook route stores what it acknowledges, before a worker admits it to `inbox_batches`
 * (`admit-arrivals.ts`): no index but `_id`, since each one an insert maintains lengthens every
 * acknowledgement (a fifth of the embedded server's time per insert for the three of `inbox_batches`).
 */
export const inboxArrivalModel = (db: Connection) => db.model("InboxArrival", batchSchema("inbox_arrivals"));

/**
 * The retention TTL lives on `appliedAt` (only applied batches carry one), built by `ensureInboxRetention`
 * because its length is configuration (`INBOX_RETENTION_DAYS`), not schema.
 */
export const inboxModel = (db: Connection) => db.model("InboxBatch", inboxSchema);

/** One delivery id and the batch whose copy of it is applied. */
export interface RegisteredDelivery {
  id: string;
  batch: string;
}

/**
 * Delivery ids a worker registered together (one claim's, or part of it): each id is unique across the
 * registry, so a redelivery is applied once. One document per claim, not per id: the embedded server
 * pays per document, and a claim registers thousands.
 */
export interface InboxRegistration {
  _id: string;
  /** When they were registered: the retention TTL counts from it. */
  receivedAt: Date;
  entries: RegisteredDelivery[];
}

const registrationSchema = new Schema<InboxRegistration>(
  {
    _id: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    entries: {
      type: [new Schema<RegisteredDelivery>({ id: String, batch: String }, { _id: false })],
      required: true,
    },
  },
  { collection: "inbox_registrations", timestamps: false, versionKey: false, strict: "throw" },
);
registrationSchema.index({ "entries.id": 1 }, { unique: true });

/** Its retention TTL, like the batches', is built by `ensureInboxRetention`. */
export const inboxRegistrationModel = (db: Connection) => db.model("InboxRegistration", registrationSchema);
