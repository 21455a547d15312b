/** The durable inbox of webhook deliveries: written by the webhook route, applied by workers. */
export { adoptLegacyInbox } from "./adopt-legacy-inbox.js";
export { claimDeliveries, type Claimed, type ClaimRef } from "./claim-deliveries.js";
export { payloadText, type InboxDelivery } from "./delivery-view.js";
export { findDeliveries, type DeliveryStatus } from "./find-deliveries.js";
export { ownDeliveries, type OwnedDeliveries } from "./own-deliveries.js";
export { replayDeliveries, type ReplayScope } from "./replay-deliveries.js";
export { ensureInboxRetention } from "./retention.js";
export { releaseClaim, settleClaim, type DeliveryOutcome, type FailurePolicy } from "./settle-deliveries.js";
export { summarizeInbox, type InboxSummary, type SetAsideDelivery } from "./summarize-inbox.js";
export {
  createInboxWriter,
  InboxUnavailableError,
  type IncomingDelivery,
  type InboxWriter,
} from "./write-deliveries.js";
export { inboxCollection, inboxStorage, type InboxStorage } from "./collection.js";
