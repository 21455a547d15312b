import type { CheckSuiteRecord } from "../../records/types.js";
import type { Store } from "../store.js";
import { upsertIfNewer, type WriteOutcome } from "./upsert-if-newer.js";

/** Check suites come one per push and app: one versioned write each, by GitHub's `updated_at`. */
export function saveCheckSuite(store: Store, record: CheckSuiteRecord): Promise<WriteOutcome> {
  const key = { installationId: record.installationId, checkSuiteId: record.checkSuiteId };
  return upsertIfNewer(store.checkSuites, key, record, "updatedAt");
}
