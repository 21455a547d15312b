import { classifyError } from "./errors.js";
import type { InstallationOctokit } from "./octokit-class.js";

export interface FailedDelivery {
  /** The attempt to pass to `redeliver`. */
  deliveryId: number;
  /** GitHub's `X-GitHub-Delivery`, shared by a delivery and its redeliveries. */
  guid: string;
  event: string;
  action: string | null;
  deliveredAt: Date;
  status: string;
  statusCode: number;
  installationId: number | null;
  repositoryId: number | null;
}

/**
 * The app's webhook deliveries since `since` that failed and were never redelivered (GitHub does not
 * redeliver on its own). Takes the app's Octokit (`await app.auth()`, JWT): the endpoint is app-level.
 * GitHub lists newest first with a cursor in the Link header, which Octokit's pagination follows; paging
 * stops at the first page reaching past `since`. A guid with any successful attempt, or with a redelivery
 * already asked for (`redelivery: true`), is skipped: each failed delivery is redelivered once.
 */
export async function listFailedDeliveries(
  appOctokit: InstallationOctokit,
  since: Date,
): Promise<FailedDelivery[]> {
  const attempts: FailedDelivery[] = [];
  const settled = new Set<string>();
  try {
    for await (const { data } of appOctokit.paginate.iterator(appOctokit.rest.apps.listWebhookDeliveries, {
      per_page: 100,
    })) {
      const recent = data.filter((delivery) => new Date(delivery.delivered_at) >= since);
      for (const delivery of recent) {
        const failed = delivery.status_code >= 400 || delivery.status !== "OK";
        if (!failed || delivery.redelivery) settled.add(delivery.guid);
        else {
          attempts.push({
            deliveryId: delivery.id,
            guid: delivery.guid,
            event: delivery.event,
            action: delivery.action,
            deliveredAt: new Date(delivery.delivered_at),
            status: delivery.status,
            statusCode: delivery.status_code,
            installationId: delivery.installation_id,
            repositoryId: delivery.repository_id,
          });
        }
      }
      if (recent.length < data.length) break;
    }
  } catch (error) {
    throw classifyError(error);
  }
  return attempts.filter((attempt) => !settled.has(attempt.guid));
}
