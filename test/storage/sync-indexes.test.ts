import { ensureInboxRetention, inboxStorage } from "../../src/storage/inbox/index.js";
import { syncIndexes } from "../../src/storage/store.js";
import { useTestDatabase } from "../harness/database.js";

/** Index upkeep at start, as webhook servers and workers run it, often at the same moment. */
const db = useTestDatabase();

describe("syncIndexes", () => {
  it("keeps the inbox's retention index a worker made from INBOX_RETENTION_DAYS", async () => {
    const inbox = inboxStorage(db.store());
    await ensureInboxRetention(inbox, 7);
    await syncIndexes(db.store());
    // A webhook server starting after the worker used to drop it: applied deliveries then never expired.
    for (const listed of [await inbox.batches.indexes(), await inbox.ids.indexes()]) {
      const retention = listed.find((index) => index.name === "inbox_retention");
      expect(retention?.expireAfterSeconds).toBe(7 * 86_400);
    }
  });
});
