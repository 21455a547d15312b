import { pino } from "pino";
import { createInboxWriter, inboxStorage } from "../../src/storage/inbox/index.js";
import type { Store } from "../../src/storage/store.js";
import { createInboxProcessor } from "../../src/webhooks/apply/processor.js";

export interface InboxSeed {
  id: string;
  installationId: number;
  /** What the worker has made of it: still `pending`, `applied`, or set aside (`failed`). */
  state: "pending" | "applied" | "failed";
  receivedAt: Date;
}

/** A delivery the worker applies as a no-op, or one whose payload it cannot read and sets aside. */
function payloadFor(seed: InboxSeed): { event: string; action: string; payload: string } {
  const installation = { id: seed.installationId };
  if (seed.state === "failed")
    return {
      event: "pull_request",
      action: "edited",
      payload: JSON.stringify({ action: "edited", installation }),
    };
  return { event: "star", action: "created", payload: JSON.stringify({ action: "created", installation }) };
}

/**
 * Webhook deliveries in the given states, through the product's own path (the route's inbox writer,
 * then the worker's processor for those it settles), so the seed holds whatever the inbox stores.
 */
export async function seedInbox(store: Store, seeds: InboxSeed[]): Promise<void> {
  const writer = createInboxWriter(inboxStorage(store), { timeoutMs: 10_000 });
  const write = (seed: InboxSeed) =>
    writer.write({
      id: seed.id,
      installationId: seed.installationId,
      receivedAt: seed.receivedAt,
      ...payloadFor(seed),
    });
  const processor = createInboxProcessor({
    store,
    onPullRequestMerged: async () => undefined,
    onCompletionNeeded: async () => undefined,
    onRepositoriesTracked: async () => undefined,
    onRepoConfigChanged: async () => undefined,
    loadRepoConfig: async () => ({ raw: null }),
    octokitFor: () => Promise.reject(new Error("these deliveries never read GitHub")),
    reportError: () => undefined,
    log: pino({ level: "silent" }),
  });
  for (const seed of seeds.filter((one) => one.state !== "pending")) await write(seed);
  await processor.drain();
  for (const seed of seeds.filter((one) => one.state === "pending")) await write(seed);
}
