import { extractInstallation, extractRepository } from "../extract/installation.js";
import type { WebhookDeps } from "../deps.js";
import {
  deleteInstallation,
  ensureRepository,
  removeRepositories,
  saveInstallation,
} from "../persist/installations.js";
import type {
  InstallationDeletedEvent,
  InstallationEvent,
  InstallationRepositoriesEvent,
} from "../schemas/installation.js";
import { runHook } from "./run-hook.js";

/** created, suspend, unsuspend, new_permissions_accepted: each carries the whole installation. */
export async function handleInstallation(deps: WebhookDeps, payload: InstallationEvent): Promise<void> {
  const record = extractInstallation(payload.installation);
  // Suspension is the point of a `suspend` delivery, even if GitHub left out its time.
  if (payload.action === "suspend") record.suspendedAt ??= new Date();
  if (payload.action === "unsuspend") record.suspendedAt = null;
  await saveInstallation(deps.store, record);
  const repositories = payload.repositories ?? [];
  for (const repository of repositories) {
    await ensureRepository(deps.store, extractRepository(record.installationId, repository));
  }
  if (payload.action === "created") await backfill(deps, record.installationId, repositories);
}

async function backfill(deps: WebhookDeps, installationId: number, repositories: readonly { id: number }[]) {
  const repoIds = repositories.map((repository) => repository.id);
  if (repoIds.length === 0) return;
  await runHook(deps, { installationId, hook: "onRepositoriesTracked" }, () =>
    deps.onRepositoriesTracked(installationId, repoIds),
  );
}

export async function handleInstallationDeleted(
  deps: WebhookDeps,
  payload: InstallationDeletedEvent,
): Promise<void> {
  await deleteInstallation(deps.store, payload.installation.id);
}

export async function handleInstallationRepositories(
  deps: WebhookDeps,
  payload: InstallationRepositoriesEvent,
): Promise<void> {
  const installationId = payload.installation.id;
  for (const repository of payload.repositories_added) {
    await ensureRepository(deps.store, extractRepository(installationId, repository));
  }
  const removed = payload.repositories_removed.map((repository) => repository.id);
  await removeRepositories(deps.store, installationId, removed);
  await backfill(deps, installationId, payload.repositories_added);
}
