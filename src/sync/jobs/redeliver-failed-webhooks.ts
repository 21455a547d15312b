import { GoneError, listFailedDeliveries, redeliver } from "../../github/index.js";
import type { Processor } from "../job-context.js";
import { readWatermark, writeWatermark } from "../watermarks.js";

const WATERMARK = "redeliver-failed-webhooks";
const HOUR_MS = 60 * 60_000;
/** GitHub keeps deliveries for three days; a first run looks back one. */
const RETENTION_MS = 72 * HOUR_MS;
const FIRST_LOOK_BACK_MS = 24 * HOUR_MS;
/** Deliveries still in flight when the last run listed. Safe: a redelivered one is listed as settled. */
const OVERLAP_MS = 5 * 60_000;

/**
 * Asks GitHub to redeliver every webhook delivery that failed since the last run (GitHub never does by
 * itself). Each is redelivered once: listFailedDeliveries skips deliveries already redelivered.
 */
export const redeliverFailedWebhooks: Processor<"redeliver-failed-webhooks"> = async (_run, deps) => {
  const startedAt = deps.now();
  const last = await readWatermark(deps.store, WATERMARK);
  const since = new Date(
    Math.max(
      (last?.getTime() ?? startedAt.getTime() - FIRST_LOOK_BACK_MS) - OVERLAP_MS,
      startedAt.getTime() - RETENTION_MS,
    ),
  );
  const appOctokit = await deps.appOctokit();
  const failed = await listFailedDeliveries(appOctokit, since);
  let redelivered = 0;
  for (const delivery of failed) {
    try {
      await redeliver(appOctokit, delivery.deliveryId);
      redelivered += 1;
    } catch (error) {
      // Expired from GitHub's log meanwhile: nothing left to redeliver.
      if (!(error instanceof GoneError)) throw error;
    }
  }
  await writeWatermark(deps.store, WATERMARK, startedAt);
  deps.log.info({ failed: failed.length, redelivered, since }, "redeliver-failed-webhooks: done");
};
