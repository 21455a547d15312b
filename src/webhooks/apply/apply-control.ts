import type { WebhookDeps } from "../deps.js";
import {
  handleInstallation,
  handleInstallationDeleted,
  handleInstallationRepositories,
} from "../handlers/installation.js";
import { handlePush } from "../handlers/push.js";
import type { ControlDelivery } from "./plan-batch.js";

/** Access and config changes: rare, order-sensitive, each applied on its own. */
export async function applyControl(deps: WebhookDeps, parsed: ControlDelivery): Promise<void> {
  switch (parsed.route) {
    case "installation":
      return handleInstallation(deps, parsed.payload);
    case "installationDeleted":
      return handleInstallationDeleted(deps, parsed.payload);
    case "installationRepositories":
      return handleInstallationRepositories(deps, parsed.payload);
    case "push":
      return handlePush(deps, parsed.payload, parsed.delivery.id);
  }
}
