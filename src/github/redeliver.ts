import { classifyError } from "./errors.js";
import type { InstallationOctokit } from "./octokit-class.js";

/** Asks GitHub to deliver a failed webhook again (`POST /app/hook/deliveries/{id}/attempts`, 202). */
export async function redeliver(appOctokit: InstallationOctokit, deliveryId: number): Promise<void> {
  try {
    await appOctokit.rest.apps.redeliverWebhookDelivery({ delivery_id: deliveryId });
  } catch (error) {
    throw classifyError(error);
  }
}
