import type { WebhookDeps } from "../deps.js";
import type { RepoEventPayload } from "../schemas/common.js";
import { withTrackedRepository } from "./tracked-repository.js";

/** A rename or transfer: tracking the repository stores its name if newer, and carries it to its PRs. */
export async function handleRepositoryRenamed(deps: WebhookDeps, payload: RepoEventPayload): Promise<void> {
  await withTrackedRepository(deps, payload, async () => {});
}
