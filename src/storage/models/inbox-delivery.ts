import { Schema, type Connection } from "mongoose";

export const INBOX_STATES = ["pending", "applied", "failed"] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/**
 * A webhook delivery as GitHub sent it, stored before it is acknowledged: the raw body (so a replay or a
 * fixed parser sees exactly what GitHub signed) and the envelope the worker needs to schedule it. Keyed by
 * GitHub's delivery id, which a redelivery keeps, so a delivery is stored once however often it arrives.
 */
export interface InboxDelivery {
  _id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  payload: string;
  receivedAt: Date;
  state: InboxState;
  /** Failed applications so far; a delivery set aside (`failed`) has used them all. */
  attempts: number;
  /** When a worker may take it: now for a new one, later after a failure or while a worker holds it. */
  availableAt: Date;
  /** The batch that holds it; a claim past `availableAt` is abandoned and may be taken again. */
  claim: string | null;
  appliedAt: Date | null;
  lastError: string | null;
}

const inboxSchema = new Schema<InboxDelivery>(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    action: { type: String, default: null },
    installationId: { type: Number, default: null },
    payload: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    state: { type: String, enum: INBOX_STATES, required: true },
    attempts: { type: Number, default: 0 },
    availableAt: { type: Date, required: true },
    claim: { type: String, default: null },
    appliedAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { collection: "inbox", timestamps: false, versionKey: false, strict: "throw" },
);
// Workers take the oldest available pending deliveries: an equality prefix and a range.
inboxSchema.index({ state: 1, availableAt: 1 });
// A batch reads back what it won by its claim.
inboxSchema.index({ claim: 1 });
// An uninstall deletes an installation's deliveries with its data (a replay by installation reads them).
// Few indexes: every one is rewritten as a delivery is claimed and settled.
inboxSchema.index({ installationId: 1, receivedAt: 1 });

/**
 * The retention TTL lives on `appliedAt` (only applied deliveries carry one), built by `ensureInboxRetention`
 * because its length is configuration (`INBOX_RETENTION_DAYS`), not schema.
 */
export const inboxModel = (db: Connection) => db.model("InboxDelivery", inboxSchema);
