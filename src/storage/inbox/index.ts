/** The durable inbox of webhook deliveries: written by the webhook route, applied by workers. */
export { claimDeliveries, type Claimed } from "./claim-deliveries.js";
export { replayDeliveries, type ReplayScope } from "./replay-deliveries.js";
export { ensureInboxRetention } from "./retention.js";
export { markApplied, markFailed, releaseClaim, type FailurePolicy } from "./settle-deliveries.js";
export { summarizeInbox, type InboxSummary, type SetAsideDelivery } from "./summarize-inbox.js";
export {
  createInboxWriter,
  InboxUnavailableError,
  type IncomingDelivery,
  type InboxWriter,
} from "./write-deliveries.js";
export { inboxCollection } from "./collection.js";
