import type { WebhookDeps } from "../deps.js";
import { extractRepository } from "../extract/installation.js";
import { ensureRepository, purgeRemoved } from "../../storage/write/installations.js";
import type { RepoEventPayload } from "../schemas/common.js";
import type { NamedRepository } from "../apply/config-source.js";

/**
 * Every delivery from a repository keeps that repository tracked (and renamed, if its name is newer),
 * then `store` writes its records.
 * A repository removed from the app (or a deleted installation) is not brought back by a late delivery:
 * nothing is stored. A removal applied while `store` ran wins: what it wrote is deleted again.
 */
export async function withTrackedRepository(
  deps: WebhookDeps,
  payload: Pick<RepoEventPayload, "installation" | "repository">,
  store: (repository: NamedRepository) => Promise<void>,
): Promise<void> {
  const repository = extractRepository(payload.installation.id, payload.repository);
  const fullName = await ensureRepository(deps.store, repository);
  if (fullName === null) return;
  try {
    // The stored name: the payload's may be older than a rename already applied.
    await store({ ...repository, fullName });
  } finally {
    await purgeRemoved(deps.store, repository.installationId, [repository.repoId]);
  }
}
