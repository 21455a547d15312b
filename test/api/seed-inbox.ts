import { inboxCollection } from "../../src/storage/inbox/index.js";
import type { InboxState } from "../../src/storage/models/inbox-delivery.js";
import type { Store } from "../../src/storage/store.js";

export interface InboxSeed {
  id: string;
  installationId: number | null;
  state: InboxState;
  receivedAt: Date;
}

/** Webhook deliveries as the route stores them and the processor leaves them, in the given states. */
export async function seedInbox(store: Store, seeds: InboxSeed[]): Promise<void> {
  await inboxCollection(store).insertMany(
    seeds.map((seed) => ({
      _id: seed.id,
      event: "pull_request",
      action: "edited",
      installationId: seed.installationId,
      payload: "{}",
      receivedAt: seed.receivedAt,
      state: seed.state,
      attempts: seed.state === "failed" ? 5 : 0,
      availableAt: seed.receivedAt,
      claim: null,
      appliedAt: seed.state === "applied" ? seed.receivedAt : null,
      lastError: seed.state === "failed" ? "invalid pull_request.edited payload" : null,
    })),
  );
}
